"""Reading a `kwta bench --attacks` CSV, so the peer runs our settings and no number here has a second copy."""
import csv


def workloads(path):
    """The first row of each workload, in our order, keyed by the workload's first word in lower case
    ("PGD (paper preset), per image" → "pgd"), the key the peer's rows and ratios.py use."""
    found = {}
    for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
        found.setdefault(workload_key(row["workload"]), row)
    return found


def workload_key(workload):
    return workload.split()[0].lower()


def fields(attack):
    """The NAME=VALUE words of an attack's description ("PGD-L∞ ε=0.031 step=0.003 steps=40 …" → {"ε": "0.031", …})."""
    return dict(word.split("=", 1) for word in attack.split() if "=" in word)
