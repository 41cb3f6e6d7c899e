using Kwta.Model.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Kwta.Model.Models;

/// <summary>
/// AlexNet's shape (5 conv + 3 FC, max-pooling after conv 1, 2 and 5) sized for 32×32 CIFAR-10.
/// Differences from torchvision's 224×224 AlexNet used by the reproduction: 3×3 kernels with
/// stride 1 instead of 11×11/4 and 5×5 (the input is 7× smaller), channels 64-128-192-192-128
/// instead of 64-192-384-256-256, FC widths 512-256 instead of 4096-4096, no adaptive pool, no
/// dropout, and no ImageNet pre-training: 2.0 M parameters instead of 57 M.
/// Every hidden layer's activation is swappable.
/// </summary>
public sealed class AlexNetCifar : Module<Tensor, Tensor>
{
    readonly Sequential features;
    readonly Sequential classifier;

    public AlexNetCifar(ActivationSpec activation, long classes = 10) : base(nameof(AlexNetCifar))
    {
        features = Sequential(
            ("conv1", Conv2d(3, 64, 3, padding: 1)), ("act1", new ActivationLayer(activation)), ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(64, 128, 3, padding: 1)), ("act2", new ActivationLayer(activation)), ("pool2", MaxPool2d(2)),
            ("conv3", Conv2d(128, 192, 3, padding: 1)), ("act3", new ActivationLayer(activation)),
            ("conv4", Conv2d(192, 192, 3, padding: 1)), ("act4", new ActivationLayer(activation)),
            ("conv5", Conv2d(192, 128, 3, padding: 1)), ("act5", new ActivationLayer(activation)), ("pool5", MaxPool2d(2)));
        classifier = Sequential(
            ("fc1", Linear(128 * 4 * 4, 512)), ("act6", new ActivationLayer(activation)),
            ("fc2", Linear(512, 256)), ("act7", new ActivationLayer(activation)),
            ("fc3", Linear(256, classes)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return classifier.forward(features.forward(x).flatten(1)).MoveToOuterDisposeScope();
    }
}
