"""Ours against the PyTorch peer op by op, from the files of one bench/peer/ops.sh run: per op (in our order) the
medians over every timed round of every run of the time and the CPU time (every thread) in ms, PyTorch's median over
ours (above 1: we are faster), the median minor page faults per call and the cold first call's time. An op of ours
named "folded: OP" ran on our folded form and is set against the peer's OP.
Usage: op_ratios.py --ours ours-1.csv … --peer peer-1.csv …"""
import argparse
import csv
import statistics

MEASURES = ("ms", "cpu_ms", "minor_faults")


def rounds(paths):
    """op → each measure's timed rounds, and "cold": the cold calls' times; ops in the files' order. "# " lines are settings."""
    found = {}
    for path in paths:
        lines = (line for line in open(path, encoding="utf-8") if not line.startswith("#"))
        for row in csv.DictReader(lines):
            op = found.setdefault(row["op"], {key: [] for key in MEASURES + ("cold",)})
            if row["round"] == "cold":
                op["cold"].append(float(row["ms"]))
            else:
                for key in MEASURES:
                    op[key].append(float(row[key]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", nargs="+", required=True)
    parser.add_argument("--peer", nargs="+", required=True)
    args = parser.parse_args()
    ours, peer = rounds(args.ours), rounds(args.peer)
    print("| op | ours, ms | PyTorch, ms | PyTorch / ours | ours, CPU ms | PyTorch, CPU ms | PyTorch / ours, CPU | "
          "ours, page faults | PyTorch, page faults | cold call, ours / PyTorch, ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in ours:
        # "folded: OP" is OP on our folded form (FoldedModel), set against the peer's OP on the model as trained.
        peer_name = name.removeprefix("folded: ")
        if peer_name not in peer:
            continue
        mine = {key: statistics.median(values) for key, values in ours[name].items()}
        theirs = {key: statistics.median(values) for key, values in peer[peer_name].items()}
        print(f"| {name} | {mine['ms']:.1f} | {theirs['ms']:.1f} | **{theirs['ms'] / mine['ms']:.2f}×** | "
              f"{mine['cpu_ms']:.1f} | {theirs['cpu_ms']:.1f} | {theirs['cpu_ms'] / mine['cpu_ms']:.2f}× | "
              f"{mine['minor_faults']:.0f} | {theirs['minor_faults']:.0f} | {mine['cold']:.0f} / {theirs['cold']:.0f} |")


if __name__ == "__main__":
    main()
