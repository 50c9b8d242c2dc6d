#!/usr/bin/env bash
# One command for the benchmark: PyTorch CPU (../shared/bench/torch_models.py) and Convergent side by side, then the
# ratio per workload, then the doctor's cost (training through Fit without the doctor, with it as `convergent doctor`
# runs it, and with every-step probing; alternating epoch by epoch in one process per workload, median epoch each).
# Usage: bench/run.sh [--threads 1,2] [--seconds 12] [--repeats 5] [--only a,b] [--probe-cost]
#   --threads, --seconds, --repeats, --only are passed to both sides; --seconds/--repeats give windows of seconds/repeats
#   and the median of the windows that had the cores (CPU/wall >= 0.85 x threads) is reported; for --probe-cost,
#   --seconds is each mode's share of time and --repeats the least number of epochs each mode is timed.
#   --probe-cost: only the doctor's cost table (no PyTorch, no plain run).
# The reference needs Debian's torch with OpenBLAS (installed here if missing; never a dependency of the product).
# For a load-independent figure on a shared machine see bench/probe-cost-instructions.sh (instruction counts).
set -euo pipefail
cd "$(dirname "$0")/.."
probe_only=0
for a in "$@"; do
  case $a in -h|--help) sed -n 2,10p "$0"; exit 0;; --probe-cost) probe_only=1;; esac
done
shared=${SHARED:-../shared}
# in a git worktree outside the main checkout, ../shared is next to the main checkout instead
if [ ! -d "$shared" ] && common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
  shared=$(dirname "$(dirname "$common")")/shared
fi
if [ $probe_only = 0 ] && ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-torch python3-numpy libopenblas0-openmp >/dev/null
fi
out=${OUT:-bench/results}
mkdir -p "$out"
dotnet build -c Release bench/Convergent.Bench -v q -nologo >/dev/null
only=$(printf '%s\n' "$@" | awk 'p{print; exit} /^--only$/{p=1}')
workloads=${only:-seed000_lenet,seed002_cifar,seed004_mlp,mnist_mlp,mnist_cnn,sgemm}
args=()
skip=0
for a in "$@"; do
  if [ $skip = 1 ]; then skip=0; continue; fi
  if [ "$a" = --only ]; then skip=1; continue; fi
  [ "$a" = --probe-cost ] || args+=("$a")
done
: > "$out/torch.jsonl"; : > "$out/convergent.jsonl"; : > "$out/doctor.jsonl"
bench=bench/Convergent.Bench/bin/Release/net10.0/Convergent.Bench.dll
for w in ${workloads//,/ }; do
  if [ $probe_only = 0 ]; then
    # one process per workload and side, so peak memory is per workload
    /usr/bin/python3 "$shared/bench/torch_models.py" --only "$w" "${args[@]}" >> "$out/torch.jsonl"
    dotnet "$bench" --only "$w" "${args[@]}" >> "$out/convergent.jsonl"
  fi
  # the doctor's cost: none / doctor (DoctorOptions defaults) / every-step probing, interleaved (sgemm has none)
  [ "$w" = sgemm ] || dotnet "$bench" --only "$w" --probes "${args[@]}" >> "$out/doctor.jsonl"
done
: > "$out/ratios.txt"
if [ $probe_only = 0 ]; then
  echo "== Convergent vs PyTorch (ratio = Convergent / PyTorch)" | tee -a "$out/ratios.txt"
  dotnet "$bench" compare "$out/torch.jsonl" "$out/convergent.jsonl" | tee -a "$out/ratios.txt"
fi
echo "== the doctor's cost (training throughput through Fit with the doctor vs without)" | tee -a "$out/ratios.txt"
dotnet "$bench" compare "$out/doctor.jsonl" | tee -a "$out/ratios.txt"
