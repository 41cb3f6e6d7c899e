"""Ours against the PyTorch peer, from the files of one bench/peer/compare.sh run: per variant pair, the time per
image of every round, the medians and PyTorch's median over ours (above 1: we are faster).
Usage: ratios.py --ours ROUND1/kwta-bench.csv … --peer peer-1.csv …"""
import argparse
import csv
import statistics

# Each of our variants and the PyTorch variant it is set beside: the paper's topk k-WTA is the peer of both kernels
# (the Reference kernel runs the same topk code on our libtorch, so that pair isolates libtorch).
PAIRS = [("ReLU", "ReLU"), ("k-WTA Fast", "k-WTA topk"), ("k-WTA Reference", "k-WTA topk")]


def times(paths, variant_column, time_column):
    found = {}
    for path in paths:
        for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
            found.setdefault((row["workload"].split()[0].lower(), row[variant_column]), []).append(float(row[time_column]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", nargs="+", required=True)
    parser.add_argument("--peer", nargs="+", required=True)
    args = parser.parse_args()
    ours = times(args.ours, "variant", "median_ms")
    peer = times(args.peer, "variant", "ms_per_image")
    print("| workload | ours | PyTorch | ours, ms/image (rounds) | PyTorch, ms/image (rounds) | PyTorch / ours (medians) |")
    print("|---|---|---|---|---|---:|")
    for workload in sorted({w for w, _ in ours} & {w for w, _ in peer}):
        for our_variant, peer_variant in PAIRS:
            mine, theirs = ours.get((workload, our_variant)), peer.get((workload, peer_variant))
            if not mine or not theirs:
                continue
            ratio = statistics.median(theirs) / statistics.median(mine)
            print(f"| {workload} | {our_variant} | {peer_variant} | {' '.join(f'{t:.1f}' for t in mine)} | "
                  f"{' '.join(f'{t:.1f}' for t in theirs)} | **{ratio:.2f}×** |")


if __name__ == "__main__":
    main()
