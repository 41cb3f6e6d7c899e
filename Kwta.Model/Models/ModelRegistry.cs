using Kwta.Model.Activations;
using Kwta.Model.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>An architecture the suite can build by name: what it eats and how to make it.</summary>
public sealed record Architecture(string Name, string Description, DatasetKind Dataset,
                                  Func<ActivationSpec, nn.Module<Tensor, Tensor>> Create)
{
    public long[] InputShape => Dataset.ImageShape();
}

/// <summary>Name → architecture, used by the CLI, the manifest and the tests.</summary>
public static class ModelRegistry
{
    public static readonly IReadOnlyList<Architecture> All =
    [
        new("resnet18-w16", "ResNet18 for 32×32, width 16 (shipped; CPU-trainable)", DatasetKind.Cifar10, a => new ResNet18(16, a)),
        new("resnet18-w64", "ResNet18 for 32×32, width 64 (the paper's network)", DatasetKind.Cifar10, a => new ResNet18(64, a)),
        new("alexnet-cifar", "AlexNet shape sized for 32×32 CIFAR-10", DatasetKind.Cifar10, a => new AlexNetCifar(a)),
        new("mnist-cnn", "The paper's MNIST CNN", DatasetKind.Mnist, a => new MnistCnn(a)),
        new("mnist-mlp", "A tiny MLP (784-128-10) that tests train themselves", DatasetKind.Mnist, a => new MnistMlp(a)),
    ];

    public static Architecture Get(string name) =>
        All.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown architecture '{name}'. Known: {string.Join(", ", All.Select(a => a.Name))}.", nameof(name));

    public static nn.Module<Tensor, Tensor> Create(string name, ActivationSpec activation) => Get(name).Create(activation);

    public static long ParameterCount(nn.Module model) => model.parameters().Sum(p => p.numel());
}
