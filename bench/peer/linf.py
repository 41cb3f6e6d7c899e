"""The L∞ threat model's projection, shared by the peer's attacks."""
import torch


def project(point, x, epsilon):
    """Onto the ε-ball around x, then onto the [0, 1] box."""
    return torch.min(torch.max(point, x - epsilon), x + epsilon).clamp(0, 1)
