"""resnet18-w16 in PyTorch, as Kwta.Model/Models/ResNet18.cs (kuangliu's CIFAR ResNet18, width 16), with ReLU or the
paper's k-WTA code (topk, ties kept); its parameter names match `kwta export --format pytorch`'s state_dict."""
import collections

import torch
import torch.nn as nn
import torch.nn.functional as F


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
