"""The PyTorch peer of `kwta bench --attacks`: the same PGD evaluation, on the same images and weights, in a
plain PyTorch loop (torchattacks' PGD), so `bench/peer/compare.sh` can print our time next to PyTorch's.

Per repetition and model it does what `kwta attack` does for one batch: clean predictions, PGD from a uniform
random start in the ε-ball (`steps` signed steps, each projected onto the ε-ball ∩ [0, 1]), adversarial
predictions and ‖δ‖∞; it prints one CSV line per timed repetition with the time per image. The attack's
settings, batch, γ and threads are read from a `kwta bench --attacks` CSV and the pinned numerics' variables
come from the caller (compare.sh), so no number here has a second copy. The model is resnet18-w16 as in Kwta.Model/Models/ResNet18.cs
(kuangliu's CIFAR ResNet18, width 16), with ReLU or the paper's k-WTA code (topk, ties kept).
"""
import argparse
import collections
import csv
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CIFAR_RECORD = 1 + 3 * 32 * 32


class Kwta(nn.Module):
    """The paper's k-WTA (Sparsify2D_vol in github.com/a554b554/kWTA-Activation): keep values ≥ the k-th largest per sample."""

    def __init__(self, gamma):
        super().__init__()
        self.gamma = gamma

    def forward(self, x):
        flat = x.view(x.shape[0], -1)
        k = int(self.gamma * flat.shape[1])
        threshold = flat.topk(k, dim=1)[0][:, -1]
        threshold = threshold.repeat(flat.shape[1], 1).permute(1, 0).view_as(x)
        return (x >= threshold).to(x) * x


class BasicBlock(nn.Module):
    def __init__(self, inputs, outputs, stride, activation):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.act1 = activation()
        self.conv2 = nn.Conv2d(outputs, outputs, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.shortcut = nn.Sequential()
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride=stride, bias=False), nn.BatchNorm2d(outputs))
        self.act2 = activation()

    def forward(self, x):
        h = self.act1(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return self.act2(h + self.shortcut(x))


class ResNet18(nn.Module):
    """Parameter names match `kwta export`'s state_dict, so the shipped weights load strictly."""

    def __init__(self, width, activation, classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, width, 3, stride=1, padding=1, bias=False)
        self.stemNorm = nn.BatchNorm2d(width)
        blocks, channels = collections.OrderedDict(), width
        for stage, stage_width in enumerate([width, 2 * width, 4 * width, 8 * width], start=1):
            blocks[f"stage{stage}_block1"] = BasicBlock(channels, stage_width, 1 if stage == 1 else 2, activation)
            blocks[f"stage{stage}_block2"] = BasicBlock(stage_width, stage_width, 1, activation)
            channels = stage_width
        self.stages = nn.Sequential(blocks)
        self.classifier = nn.Linear(8 * width, classes)

    def forward(self, x):
        h = F.relu(self.stemNorm(self.stem(x)))
        h = self.stages(h)
        return self.classifier(F.avg_pool2d(h, 4).flatten(1))


def load_model(weights, activation):
    model = ResNet18(16, activation)
    model.load_state_dict(torch.load(weights), strict=True)
    return model.eval()


def cifar_images(path, count):
    records = np.fromfile(path, dtype=np.uint8, count=count * CIFAR_RECORD).reshape(count, CIFAR_RECORD)
    labels = torch.from_numpy(records[:, 0].astype(np.int64))
    images = torch.from_numpy(records[:, 1:].astype(np.float32) / 255).view(count, 3, 32, 32)
    return images, labels


def pgd(model, x, y, epsilon, step_size, steps):
    """torchattacks' PGD with the random start projected as ours is: x + U(−ε, ε), clamped to [0, 1]."""
    adversarial = (x + torch.empty_like(x).uniform_(-epsilon, epsilon)).clamp(0, 1)
    for _ in range(steps):
        adversarial.requires_grad_(True)
        loss = F.cross_entropy(model(adversarial), y, reduction="sum")
        gradient, = torch.autograd.grad(loss, [adversarial])
        adversarial = adversarial.detach() + step_size * gradient.sign()
        adversarial = torch.min(torch.max(adversarial, x - epsilon), x + epsilon).clamp(0, 1)
    return adversarial.detach()


def evaluate(model, x, y, epsilon, step_size, steps):
    """One batch of `kwta attack`: clean predictions, PGD, adversarial predictions and ‖δ‖∞."""
    with torch.no_grad():
        clean = model(x).argmax(1)
    adversarial = pgd(model, x, y, epsilon, step_size, steps)
    with torch.no_grad():
        predicted = model(adversarial).argmax(1)
    norms = (adversarial - x).abs().flatten(1).amax(1)
    return clean, predicted, norms


def our_settings(path):
    """Batch, γ, threads and the PGD settings of a `kwta bench --attacks` run, from its CSV (input: "PGD-L∞ ε=… step=… steps=… …")."""
    row = next(csv.DictReader(open(path, newline="", encoding="utf-8")))
    attack = dict(field.split("=", 1) for field in row["input"].split() if "=" in field)
    return dict(batch=int(row["batch"]), gamma=float(row["sparsity"]), threads=int(row["threads"]),
                epsilon=float(attack["ε"]), step_size=float(attack["step"]), steps=int(attack["steps"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", required=True, help="kwta-bench.csv of a `kwta bench --attacks` run: the settings to match")
    parser.add_argument("--relu", required=True, help="ReLU weights (kwta export --format pytorch)")
    parser.add_argument("--kwta", required=True, help="k-WTA weights (kwta export --format pytorch)")
    parser.add_argument("--images", required=True, help="CIFAR-10 binary file (fixtures/cifar10-test-first1000.bin)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    settings = our_settings(args.ours)

    torch.set_num_threads(settings["threads"])
    torch.manual_seed(args.seed)
    x, y = cifar_images(args.images, settings["batch"])
    models = {"ReLU": load_model(args.relu, nn.ReLU), "k-WTA topk": load_model(args.kwta, lambda: Kwta(settings["gamma"]))}
    attack = dict(epsilon=settings["epsilon"], step_size=settings["step_size"], steps=settings["steps"])
    print("workload,variant,repeat,ms_per_image")
    for repeat in range(args.repeats):
        for name, model in models.items():
            start = time.perf_counter()
            evaluate(model, x, y, **attack)
            milliseconds = (time.perf_counter() - start) * 1000 / settings["batch"]
            print(f"pgd,{name},{repeat},{milliseconds:.4f}", flush=True)


if __name__ == "__main__":
    main()
