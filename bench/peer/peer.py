"""The PyTorch peer of `kwta bench --attacks`: the same workloads, on the same images and weights, in plain PyTorch
loops, so `bench/peer/compare.sh` can print our times next to PyTorch's.

Per repetition, workload (in our CSV's order) and model it runs the workload on one batch and prints one CSV line
with the time in ms divided as ours is: PGD (pgd.py) and APGD-CE (apgd.py) per image, Square (square.py) per image
and query. The attacks' settings, batch, γ and threads are read from a `kwta bench --attacks` CSV (ours.py) and the
pinned numerics' variables come from the caller (compare.sh). The models are resnet18-w16 (resnet.py) with ReLU or
the paper's k-WTA code.
"""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn

import apgd
import ours
import pgd
import square
from resnet import Kwta, load_model

CIFAR_RECORD = 1 + 3 * 32 * 32

# Each of our workloads (ours.workload_key) and the peer module that repeats it.
PEERS = {"pgd": pgd, "apgd-ce": apgd, "square": square}


def cifar_images(path, count):
    records = np.fromfile(path, dtype=np.uint8, count=count * CIFAR_RECORD).reshape(count, CIFAR_RECORD)
    labels = torch.from_numpy(records[:, 0].astype(np.int64))
    images = torch.from_numpy(records[:, 1:].astype(np.float32) / 255).view(count, 3, 32, 32)
    return images, labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", required=True, help="kwta-bench.csv of a `kwta bench --attacks` run: the settings to match")
    parser.add_argument("--relu", required=True, help="ReLU weights (kwta export --format pytorch)")
    parser.add_argument("--kwta", required=True, help="k-WTA weights (kwta export --format pytorch)")
    parser.add_argument("--images", required=True, help="CIFAR-10 binary file (fixtures/cifar10-test-first1000.bin)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rows = ours.workloads(args.ours)
    first = next(iter(rows.values()))
    batch, gamma, threads = int(first["batch"]), float(first["sparsity"]), int(first["threads"])

    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    x, y = cifar_images(args.images, batch)
    models = {"ReLU": load_model(args.relu, nn.ReLU), "k-WTA topk": load_model(args.kwta, lambda: Kwta(gamma))}
    runs = {key: PEERS[key].from_ours(row["input"]) for key, row in rows.items()}
    print("workload,variant,repeat,ms")
    for repeat in range(args.repeats):
        for key, (run, calls_per_image) in runs.items():
            for name, model in models.items():
                start = time.perf_counter()
                run(model, x, y)
                milliseconds = (time.perf_counter() - start) * 1000 / (batch * calls_per_image)
                print(f"{key},{name},{repeat},{milliseconds:.4f}", flush=True)


if __name__ == "__main__":
    main()
