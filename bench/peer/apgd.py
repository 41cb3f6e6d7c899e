"""The PyTorch peer of our APGD-CE row: one APGD-CE run (Croce & Hein, ICML 2020, Algorithm 1) on every image of the
batch, as Kwta.Model/Attacks/Apgd.cs does it with one restart. Per iteration: a signed step of size η from the
current point, projected; a momentum step (α = 1 first, then 0.75), projected; the forward pass and the input
gradient of the per-sample cross-entropy; the best point's bookkeeping. At each checkpoint a sample's η is halved and
it goes back to its best point if its loss rose in at most ρ of the iterations since the last checkpoint, or if
neither its η nor its best loss changed since then."""
import functools
import math
from decimal import Decimal

import torch
import torch.nn.functional as F

from linf import project
from ours import fields

INITIAL_STEP_IN_EPSILONS, MOMENTUM = 2, 0.75


def checkpoints(iterations):
    """The iterations ⌈pⱼ·N⌉ where η may be halved: p₀ = 0, p₁ = 0.22, pⱼ₊₁ = pⱼ + max(pⱼ − pⱼ₋₁ − 0.03, 0.06), up to N
    (decimal, so 0.22 + 0.19 is exactly 0.41, as ours); one checkpoint where two fractions round up alike."""
    previous, current, found = Decimal(0), Decimal("0.22"), [0]
    while current <= 1:
        iteration = math.ceil(current * iterations)
        if iteration > found[-1]:
            found.append(iteration)
        previous, current = current, current + max(current - previous - Decimal("0.03"), Decimal("0.06"))
    return found


def per_sample(values):
    """(B) → (B, 1, 1, 1), to broadcast against images."""
    return values.view(-1, 1, 1, 1)


def loss_gradient_fooled(model, point, y):
    """Per-sample cross-entropy, the input gradient of its sum, and whether each sample is misclassified."""
    point = point.detach().requires_grad_(True)
    logits = model(point)
    loss = F.cross_entropy(logits, y, reduction="none")
    gradient, = torch.autograd.grad(loss.sum(), [point])
    return loss.detach(), gradient, logits.detach().argmax(1) != y


def apgd_ce(model, x, y, epsilon, iterations, rho):
    """One run from x + ε·t/‖t‖∞ (t uniform in [−1, 1]ᴰ, clipped to [0, 1]); returns the highest-loss point, or the last
    misclassified iterate where the highest-loss point is classified correctly."""
    t = torch.rand_like(x) * 2 - 1
    current = (x + epsilon * t / per_sample(t.abs().flatten(1).amax(1) + 1e-12)).clamp(0, 1)
    previous = current.clone()
    loss, gradient, fooled = loss_gradient_fooled(model, current, y)
    best, best_loss, best_gradient, best_fooled = current.clone(), loss.clone(), gradient.clone(), fooled.clone()
    last_fooled, any_fooled = current.clone(), fooled.clone()
    step = torch.full((len(x),), INITIAL_STEP_IN_EPSILONS * epsilon)
    increases = torch.zeros(len(x))
    best_loss_at_checkpoint, reduced_at_checkpoint = best_loss.clone(), torch.ones(len(x), dtype=torch.bool)
    marks = checkpoints(iterations)
    since_last_mark = dict(zip(marks[1:], (b - a for a, b in zip(marks, marks[1:]))))
    for iteration in range(iterations):
        alpha = 1 if iteration == 0 else MOMENTUM
        z = project(current + per_sample(step) * gradient.sign(), x, epsilon)
        current, previous = project(current + alpha * (z - current) + (1 - alpha) * (current - previous), x, epsilon), current

        new_loss, gradient, fooled = loss_gradient_fooled(model, current, y)
        increases += new_loss > loss
        loss = new_loss
        last_fooled = torch.where(per_sample(fooled), current, last_fooled)
        any_fooled |= fooled
        improved = loss > best_loss
        best = torch.where(per_sample(improved), current, best)
        best_gradient = torch.where(per_sample(improved), gradient, best_gradient)
        best_loss = torch.where(improved, loss, best_loss)
        best_fooled = torch.where(improved, fooled, best_fooled)

        if iteration + 1 in since_last_mark:
            oscillating = increases <= rho * since_last_mark[iteration + 1]
            stalled = ~reduced_at_checkpoint & (best_loss_at_checkpoint >= best_loss)
            reduce = oscillating | stalled
            step = torch.where(reduce, step / 2, step)
            # previous stays the iterate before the replaced one, as in the reference code.
            current = torch.where(per_sample(reduce), best, current)
            gradient = torch.where(per_sample(reduce), best_gradient, gradient)
            reduced_at_checkpoint, best_loss_at_checkpoint = reduce, best_loss.clone()
            increases.zero_()
    return torch.where(per_sample(best_fooled | ~any_fooled), best, last_fooled)


def from_ours(attack):
    """The run on (model, x, y) and the calls per image its time is divided by, from our "APGD-CE ε=… iterations=… restarts=1 ρ=… …"."""
    given = fields(attack)
    if int(given["restarts"]) != 1:
        raise SystemExit(f"the APGD peer runs one restart; ours ran {given['restarts']}")
    return functools.partial(apgd_ce, epsilon=float(given["ε"]), iterations=int(given["iterations"]), rho=float(given["ρ"])), 1
