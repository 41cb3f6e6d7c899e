"""The PyTorch peer of our Square row: Square-L∞ (Andriushchenko et al., ECCV 2020) on every image of the batch, every
image using every query (no early stop), as Kwta.Model/Attacks/SquareAttack.cs does with stopWhenFooled false.
One query for the vertical stripes x + ε·s, then per query: per image a random window of the schedule's side and
one random sign per channel, the window moved by ±2ε and projected (so it lands on x ± ε), a forward pass, and the
proposal kept where it lowers the margin z_y − max_{i≠y} zᵢ."""
import functools
import math

import torch

from linf import project
from ours import fields

REFERENCE_BUDGET, HALVINGS = 10_000, (10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000)


def side_at(iteration, queries, initial_fraction, rescaled, height, width):
    """The square's side: p_init halved after the schedule's iterations (rescaled: iteration i counts as ⌊10 000·i/Q⌋),
    side round(√(p·H·W)) within [1, min(H, W)]; Python's round, as ours, rounds halves to even."""
    position = iteration * REFERENCE_BUDGET // queries if rescaled else iteration
    fraction = initial_fraction / 2 ** sum(position > halving for halving in HALVINGS)
    return min(max(round(math.sqrt(fraction * height * width)), 1), min(height, width))


def signs(shape):
    return torch.where(torch.rand(shape) >= 0.5, 1.0, -1.0)


def margin(logits, y):
    true_class = logits.gather(1, y[:, None]).squeeze(1)
    return true_class - logits.scatter(1, y[:, None], float("-inf")).amax(1)


@torch.no_grad()
def square(model, x, y, epsilon, queries, initial_fraction, rescaled):
    batch, channels, height, width = x.shape
    rows, columns = torch.arange(height).view(1, 1, height, 1), torch.arange(width).view(1, 1, 1, width)
    best = (x + epsilon * signs((batch, channels, 1, width))).clamp(0, 1)
    best_margin = margin(model(best), y)
    for iteration in range(queries):
        side = side_at(iteration, queries, initial_fraction, rescaled, height, width)
        top = torch.randint(0, height - side + 1, (batch, 1, 1, 1))
        left = torch.randint(0, width - side + 1, (batch, 1, 1, 1))
        window = (rows >= top) & (rows < top + side) & (columns >= left) & (columns < left + side)
        proposal = project(best + window * (2 * epsilon * signs((batch, channels, 1, 1))), x, epsilon)
        proposal_margin = margin(model(proposal), y)
        lower = proposal_margin < best_margin
        best = torch.where(lower.view(-1, 1, 1, 1), proposal, best)
        best_margin = torch.where(lower, proposal_margin, best_margin)
    return best


def from_ours(attack):
    """The run on (model, x, y) and the calls per image its time is divided by (the stripes' query, then `queries`),
    from our "Square-L∞ ε=… queries=… p_init=… schedule rescaled to the budget seed=… early stop=no …"."""
    given = fields(attack)
    if given.get("stop") != "no":   # "early stop=no" is the word "stop=no"
        raise SystemExit("the Square peer never stops early; ours did")
    queries = int(given["queries"])
    return functools.partial(square, epsilon=float(given["ε"]), queries=queries, initial_fraction=float(given["p_init"]),
                             rescaled="schedule rescaled" in attack), 1 + queries
