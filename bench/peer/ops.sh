#!/usr/bin/env bash
# Ours against PyTorch op by op (issue 17): the ops a PGD step is made of, on the shipped resnet18-w16 ReLU model and
# one batch of fixture images. The explicit test PeerOpTimings (Kwta.Reproduction.Tests/Benchmarks) and
# bench/peer/ops.py alternate for RUNS runs (default 3) of ROUNDS timed rounds each (default 5), so load from other
# processes hits both alike; bench/peer/op_ratios.py then prints the medians, their ratios and the page faults per call.
# The peer runs Debian's python3-torch (PYTHON, default /usr/bin/python3) with our batch, threads, PGD step and pinned
# variables, read from our CSV. Python runs with -B, so no __pycache__ lands in the tree.
# Usage: bench/peer/ops.sh [RUNS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
rounds=${2:-5}
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Release, as `kwta bench`: the test project builds the CLI beside it.
dotnet build Kwta.Reproduction.Tests -c Release -v quiet -nologo > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dotnet Kwta.Cli/bin/Release/net10.0/kwta.dll export --model resnet18-w16-relu --format pytorch --output "$work/relu.pt" > /dev/null

for run in $(seq 1 "$runs"); do
  echo "run $run/$runs: PeerOpTimings (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  KWTA_OP_ROUNDS=$rounds KWTA_OP_TIMINGS="$work/ours-$run.csv" \
    dotnet test Kwta.Reproduction.Tests -c Release --no-build --filter "FullyQualifiedName~PeerOpTimings" > "$work/ours-$run.log" \
    || { cat "$work/ours-$run.log"; exit 1; }
  numerics=$(sed -n 's/^# numerics: //p' "$work/ours-1.csv")   # "NAME=VALUE … NAME=VALUE, 2 threads"
  echo "run $run/$runs: PyTorch peer (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  # shellcheck disable=SC2086 # the variables are NAME=VALUE words
  env ${numerics%, * threads} "$python" -B bench/peer/ops.py --ours "$work/ours-1.csv" --relu "$work/relu.pt" \
    --images fixtures/cifar10-test-first1000.bin --rounds "$rounds" > "$work/peer-$run.csv"
done

echo "both sides: $numerics; $(sed -n 's/^# numerics: //p' "$work/peer-1.csv"); batch $(sed -n 's/^# batch: //p' "$work/ours-1.csv"); load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" -B bench/peer/op_ratios.py --ours "$work"/ours-*.csv --peer "$work"/peer-*.csv
