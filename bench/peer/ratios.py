"""Ours against the PyTorch peer, from the files of one bench/peer/compare.sh run: per workload and variant pair, the
time of every round (in the unit our workload names: per image, or per image and query), the medians and PyTorch's
median over ours (above 1: we are faster).
Usage: ratios.py --ours ROUND1/kwta-bench.csv … --peer peer-1.csv …"""
import argparse
import csv
import statistics

from ours import workload_key

# Each of our variants and the PyTorch variant it is set beside: the paper's topk k-WTA is the peer of both kernels
# (the Reference kernel runs the same topk code on our libtorch, so that pair isolates libtorch).
PAIRS = [("ReLU", "ReLU"), ("k-WTA Fast", "k-WTA topk"), ("k-WTA Reference", "k-WTA topk")]


def times(paths, time_column):
    """(workload key, variant) → the times of every file, and each workload key's full name, in the files' order."""
    found, names = {}, {}
    for path in paths:
        for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
            key = workload_key(row["workload"])
            names.setdefault(key, row["workload"])
            found.setdefault((key, row["variant"]), []).append(float(row[time_column]))
    return found, names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", nargs="+", required=True)
    parser.add_argument("--peer", nargs="+", required=True)
    args = parser.parse_args()
    ours, names = times(args.ours, "median_ms")
    peer, _ = times(args.peer, "ms")
    print("| workload | ours | PyTorch | ours, ms (rounds) | PyTorch, ms (rounds) | PyTorch / ours (medians) |")
    print("|---|---|---|---|---|---:|")
    for key, name in names.items():
        for our_variant, peer_variant in PAIRS:
            mine, theirs = ours.get((key, our_variant)), peer.get((key, peer_variant))
            if not mine or not theirs:
                continue
            ratio = statistics.median(theirs) / statistics.median(mine)
            print(f"| {name} | {our_variant} | {peer_variant} | {' '.join(f'{t:.3g}' for t in mine)} | "
                  f"{' '.join(f'{t:.3g}' for t in theirs)} | **{ratio:.2f}×** |")


if __name__ == "__main__":
    main()
