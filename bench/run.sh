#!/usr/bin/env bash
# One command for the benchmark: PyTorch CPU (../shared/bench/torch_models.py) and Convergent side by side, then the
# ratio per workload. Usage: bench/run.sh [--threads 1,2] [--seconds 12] [--only a,b] (passed to both sides).
# The reference needs Debian's torch with OpenBLAS (installed here if missing; never a dependency of the product).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
# in a git worktree outside the main checkout, ../shared is next to the main checkout instead
if [ ! -d "$shared" ] && common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
  shared=$(dirname "$(dirname "$common")")/shared
fi
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-torch python3-numpy libopenblas0-openmp >/dev/null
fi
out=${OUT:-bench/results}
mkdir -p "$out"
dotnet build -c Release bench/Convergent.Bench -v q -nologo >/dev/null
only=$(printf '%s\n' "$@" | awk 'p{print; exit} /^--only$/{p=1}')
workloads=${only:-seed000_lenet,seed002_cifar,seed004_mlp,mnist_mlp,mnist_cnn,sgemm}
args=()
skip=0
for a in "$@"; do if [ $skip = 1 ]; then skip=0; continue; fi; if [ "$a" = --only ]; then skip=1; continue; fi; args+=("$a"); done
: > "$out/torch.jsonl"; : > "$out/convergent.jsonl"; : > "$out/doctor.jsonl"
bench=bench/Convergent.Bench/bin/Release/net10.0/Convergent.Bench.dll
for w in ${workloads//,/ }; do
  # one process per workload and side, so peak memory is per workload
  /usr/bin/python3 "$shared/bench/torch_models.py" --only "$w" "${args[@]}" >> "$out/torch.jsonl"
  dotnet "$bench" --only "$w" "${args[@]}" >> "$out/convergent.jsonl"
  # the same training with the doctor's probes on every layer and batch (its cost; sgemm has none)
  [ "$w" = sgemm ] || dotnet "$bench" --only "$w" --probes "${args[@]}" >> "$out/doctor.jsonl"
done
echo "== Convergent vs PyTorch (ratio = Convergent / PyTorch)" | tee "$out/ratios.txt"
dotnet "$bench" compare "$out/torch.jsonl" "$out/convergent.jsonl" | tee -a "$out/ratios.txt"
echo "== the doctor's probe cost (training throughput with probes vs without)" | tee -a "$out/ratios.txt"
dotnet "$bench" compare "$out/torch.jsonl" "$out/convergent.jsonl" "$out/doctor.jsonl" | tee -a "$out/ratios.txt"
