"""The PyTorch peer of our op-level timings (Kwta.Reproduction.Tests/Benchmarks/PeerOpTimings.cs): the same ops, by the
same names, on the same weights and images, timed the same way, so bench/peer/ops.sh can set them side by side.
Whole-model ops (forward, forward + input gradient, one PGD step as pgd.py takes it) and each layer type summed over
its layers in one forward pass, on the inputs the pass gives them (captured with hooks). Each op runs once per round,
in an order rotated every round; round 0 is the cold one. Per op and round it prints the time and the CPU time (every thread) in ms and
the minor page faults (pages the kernel hands out zeroed on first touch). The batch and PGD's ε and step come from our CSV."""
import argparse
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from linf import project
from ours import fields
from peer import cifar_images
from resnet import load_model


def settings(path):
    """Our CSV's "# name: value" lines."""
    lines = (line[2:].rstrip("\n").split(": ", 1) for line in open(path, encoding="utf-8") if line.startswith("# "))
    return dict(lines)


def layer_inputs(model, x):
    """Each conv2d's, batch norm's and ReLU's input in one forward pass, with its module (the stem's ReLU is functional:
    its input is the stem norm's output)."""
    captured = {"conv": [], "norm": [], "relu": []}
    kinds = {nn.Conv2d: "conv", nn.BatchNorm2d: "norm", nn.ReLU: "relu"}
    handles = [module.register_forward_pre_hook(lambda m, args, kind=kinds[type(module)]: captured[kind].append((m, args[0])))
               for module in model.modules() if type(module) in kinds]
    handles.append(model.stemNorm.register_forward_hook(lambda m, args, out: captured["relu"].append((nn.ReLU(), out))))
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return captured


def recorded(layer, x):
    """The layer's output on a leaf copy of its input, the graph kept, and a fixed output gradient."""
    leaf = x.detach().requires_grad_(True)
    output = layer(leaf)
    return output, leaf, torch.randn_like(output)


def forward_each(layers):
    with torch.no_grad():
        for layer, x in layers:
            layer(x)


def backward_each(recorded_layers):
    for output, leaf, output_gradient in recorded_layers:
        torch.autograd.grad([output], [leaf], [output_gradient], retain_graph=True)


def input_gradient(model, x, y):
    leaf = x.detach().requires_grad_(True)
    gradient, = torch.autograd.grad(F.cross_entropy(model(leaf), y, reduction="sum"), [leaf])
    return gradient


def pgd_step(model, x, y, epsilon, step_size):
    """One step of pgd.py's loop, from x."""
    return project(x + step_size * input_gradient(model, x, y).sign(), x, epsilon)


def usage():
    """CPU time (user + system, every thread) in ms and minor page faults so far."""
    now = resource.getrusage(resource.RUSAGE_SELF)
    return (now.ru_utime + now.ru_stime) * 1000, now.ru_minflt


def timed(run):
    cpu, faults = usage()
    start = time.perf_counter()
    run()
    milliseconds = (time.perf_counter() - start) * 1000
    cpu_after, faults_after = usage()
    return milliseconds, cpu_after - cpu, faults_after - faults


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", required=True, help="our op timings' CSV (PeerOpTimings): the settings to match")
    parser.add_argument("--relu", required=True, help="ReLU weights (kwta export --format pytorch)")
    parser.add_argument("--images", required=True, help="CIFAR-10 binary file (fixtures/cifar10-test-first1000.bin)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    given = settings(args.ours)
    pgd = fields(given["pgd step"])
    threads = int(given["numerics"].rsplit(", ", 1)[1].split()[0])   # "… OMP_WAIT_POLICY=PASSIVE, 2 threads"

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = load_model(args.relu, nn.ReLU)
    x, y = cifar_images(args.images, int(given["batch"]))
    layers = layer_inputs(model, x)
    convolutions, norms, relus = ([recorded(layer, inputs) for layer, inputs in layers[kind]] for kind in ("conv", "norm", "relu"))
    ops = [
        ("forward (no_grad)", lambda: forward_each([(model, x)])),
        ("forward (recording the graph)", lambda: model(x.detach().requires_grad_(True))),
        ("forward + input gradient", lambda: input_gradient(model, x, y)),
        ("PGD step (forward + input gradient + signed step + projection)",
         lambda: pgd_step(model, x, y, float(pgd["ε"]), float(pgd["step"]))),
        (f"conv2d forward, {len(convolutions)} layers", lambda: forward_each(layers["conv"])),
        (f"conv2d backward to the input, {len(convolutions)} layers", lambda: backward_each(convolutions)),
        (f"batch norm (eval) forward, {len(norms)} layers", lambda: forward_each(layers["norm"])),
        (f"batch norm (eval) backward to the input, {len(norms)} layers", lambda: backward_each(norms)),
        (f"relu forward, {len(relus)} layers", lambda: forward_each(layers["relu"])),
        (f"relu backward, {len(relus)} layers", lambda: backward_each(relus)),
    ]
    print(f"# numerics: PyTorch {torch.__version__}, {torch.get_num_threads()} threads")
    print("op,round,ms,cpu_ms,minor_faults")
    for round_ in range(args.rounds + 1):
        first = round_ % len(ops)
        for name, run in ops[first:] + ops[:first]:
            milliseconds, cpu_milliseconds, faults = timed(run)
            print(f'"{name}",{"cold" if round_ == 0 else round_},{milliseconds:.3f},{cpu_milliseconds:.3f},{faults}', flush=True)


if __name__ == "__main__":
    main()
