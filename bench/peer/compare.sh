#!/usr/bin/env bash
# Ours against PyTorch on the same attack workloads (PGD, APGD-CE, Square): `kwta bench --attacks` and
# bench/peer/peer.py alternate for ROUNDS rounds (default 3), so load from other processes hits both alike;
# bench/peer/ratios.py then prints every time and the ratios of the medians. The peer runs Debian's python3-torch
# (PYTHON, default /usr/bin/python3) with our threads, batch, γ and attack settings (read from our CSV) and our
# libtorch/oneDNN/MKL/OpenMP variables. Python runs with -B, so no __pycache__ lands in the tree.
# Usage: bench/peer/compare.sh [ROUNDS] [more `kwta bench` options, e.g. --batch 64]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
shift || true
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build Kwta.Cli -c Release -v quiet -nologo > "$work/build.log" || { cat "$work/build.log"; exit 1; }
kwta=(dotnet Kwta.Cli/bin/Release/net10.0/kwta.dll)

for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds: kwta bench --attacks" >&2
  "${kwta[@]}" bench --attacks --repeats 1 --output "$work/ours-$round" "$@" > "$work/ours-$round.log"
  if [[ $round == 1 ]]; then
    ours="$work/ours-1/kwta-bench.csv"
    numerics=$(sed -n 's/^numerics: //p' "$work/ours-1.log")   # "NAME=VALUE … NAME=VALUE, 2 threads"
    gamma=$("$python" -c 'import csv, sys; print(next(csv.DictReader(open(sys.argv[1])))["sparsity"])' "$ours")
    for activation in relu "kwta-$gamma"; do
      "${kwta[@]}" export --model "resnet18-w16-$activation" --format pytorch --output "$work/$activation.pt" > /dev/null
    done
  fi
  echo "round $round/$rounds: PyTorch peer" >&2
  # shellcheck disable=SC2086 # the variables are NAME=VALUE words
  env ${numerics%, * threads} "$python" -B bench/peer/peer.py --ours "$ours" --relu "$work/relu.pt" --kwta "$work/kwta-$gamma.pt" \
    --images fixtures/cifar10-test-first1000.bin > "$work/peer-$round.csv"
done

grep -m1 '^kwta bench' "$work/ours-1.log"
echo "both sides: $numerics; PyTorch $("$python" -c 'import torch; print(torch.__version__)'), $(sed -n 5p "$work/ours-1/kwta-bench.md")"
"$python" -B bench/peer/ratios.py --ours "$work"/ours-*/kwta-bench.csv --peer "$work"/peer-*.csv
