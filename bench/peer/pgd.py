"""The PyTorch peer of our PGD row: what `kwta attack` does for one batch (clean predictions, PGD from a uniform
random start in the ε-ball, `steps` signed steps each projected onto the ε-ball ∩ [0, 1], adversarial predictions
and ‖δ‖∞), with torchattacks' PGD loop."""
import functools

import torch
import torch.nn.functional as F

from linf import project
from ours import fields


def pgd(model, x, y, epsilon, step_size, steps):
    """torchattacks' PGD with the random start projected as ours is: x + U(−ε, ε), clamped to [0, 1]."""
    adversarial = (x + torch.empty_like(x).uniform_(-epsilon, epsilon)).clamp(0, 1)
    for _ in range(steps):
        adversarial.requires_grad_(True)
        loss = F.cross_entropy(model(adversarial), y, reduction="sum")
        gradient, = torch.autograd.grad(loss, [adversarial])
        adversarial = project(adversarial.detach() + step_size * gradient.sign(), x, epsilon)
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


def from_ours(attack):
    """The run on (model, x, y) and the calls per image its time is divided by, from our "PGD-L∞ ε=… step=… steps=… …"."""
    given = fields(attack)
    return functools.partial(evaluate, epsilon=float(given["ε"]), step_size=float(given["step"]), steps=int(given["steps"])), 1
