#!/usr/bin/env bash
# The doctor's probe cost as a ratio of instruction counts — independent of the machine's load, unlike wall-clock
# throughput on a shared machine. For each workload and mode, valgrind (cachegrind, no cache simulation) counts the
# instructions of two runs that differ only in the number of training steps after the same fixed warm-up; the
# difference divided by the extra steps is the cost of one step (start-up, JIT and warm-up cancel out — as long as every
# code path, e.g. a rule that first runs after a few hundred steps, was compiled before the shorter run ends: hence the
# long warm-up and first count). The JIT is put in
# one tier (DOTNET_TieredCompilation=0) and the GC made non-concurrent so the counts repeat from run to run; W^X double
# mapping is off (with it on, a run under callgrind failed with an impossible IndexOutOfRange in managed code). One thread.
# Usage: bench/probe-cost-instructions.sh [--only seed004_mlp,mnist_mlp] [--modes none,doctor,every-step]
#                                        [--steps 320,1920] [--warmup 320]
# The slow part is valgrind (~100x): the conv workloads take minutes per step under it; give them small --steps.
# GEN0=0x40000000 (environment) fixes the GC's gen0 budget: the runtime's own work (allocation, GC) is ~30 % of a tiny
# model's step and its timing moves with the heap's shape, so with it the counts compare the managed work only.
# Only modes that decide by counting are meaningful here: `doctor` samples by wall-clock share, which valgrind distorts.
# Caveat: the counts are valgrind's, not the native machine's — valgrind offers no AVX-512, so the vector code paths
# differ, and the probe's small-tensor code came out at ~38 k instructions per step under it while the same hooks run
# in ~0.5 µs natively. Use it to compare versions of the code, not as the cost itself.
set -euo pipefail
cd "$(dirname "$0")/.."
only=seed004_mlp,mnist_mlp; modes=none,doctor,every-step; steps=320,1920; warmup=320
while [ $# -gt 0 ]; do
  case $1 in
    --only) only=$2; shift 2;; --modes) modes=$2; shift 2;; --steps) steps=$2; shift 2;; --warmup) warmup=$2; shift 2;;
    -h|--help) sed -n 2,9p "$0"; exit 0;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
dotnet build -c Release bench/Convergent.Bench -v q -nologo >/dev/null
bench=bench/Convergent.Bench/bin/Release/net10.0/Convergent.Bench.dll
n1=${steps%,*}; n2=${steps#*,}
tmp=$(mktemp -d)
count() {  # workload mode steps -> instructions (Ir) of the whole process
  DOTNET_TieredCompilation=0 DOTNET_gcConcurrent=0 DOTNET_EnableWriteXorExecute=0 env ${GEN0:+DOTNET_GCgen0size=$GEN0} valgrind --tool=cachegrind --cache-sim=no \
    --cachegrind-out-file="$tmp/cg.out" --smc-check=all-non-file \
    dotnet "$bench" --only "$1" --threads 1 --probes "$2" --steps "$3" --warmup-steps "$warmup" --warmup-seconds 0 \
    >"$tmp/run.log" 2>&1
  sed -n 's/.*I *refs: *//p' "$tmp/run.log" | tr -d ,
}
printf '%-14s %-13s %16s %9s\n' workload mode instr/step cost
for w in ${only//,/ }; do
  base=""
  for m in ${modes//,/ }; do
    a=$(count "$w" "$m" "$n1"); b=$(count "$w" "$m" "$n2")
    per=$(( (b - a) / (n2 - n1) ))
    if [ "$m" = none ]; then base=$per; cost=""; else cost=$(awk -v p="$per" -v b="$base" 'BEGIN{ if (b > 0) printf "%.1f%%", 100 * (p / b - 1) }'); fi
    printf '%-14s %-13s %16d %9s\n' "$w" "$m" "$per" "$cost"
  done
done
rm -rf "$tmp"
