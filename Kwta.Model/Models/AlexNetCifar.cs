using Kwta.Model.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Kwta.Model.Models;

/// <summary>
/// AlexNet's shape (5 conv + 3 FC, max-pooling after conv 1, 2 and 5) sized for 32×32 CIFAR-10.
/// Differences from torchvision's 224×224 AlexNet used by the reproduction: 3×3 kernels with
/// stride 1 instead of 11×11/4 and 5×5 (the input is 7× smaller), channels 64-96-160-160-128
/// instead of 64-192-384-256-256, FC widths 256-128 instead of 4096-4096, no adaptive pool, no
/// dropout, batch norm after every conv (we train from scratch, without ImageNet pre-training, and
/// plain AlexNet stalls at chance under SGD from PyTorch's default init): 1.17 M parameters
/// instead of 57 M, so the three shipped AlexNets fit the repository's size budget.
/// Every hidden layer's activation is swappable.
/// </summary>
public sealed class AlexNetCifar : Module<Tensor, Tensor>, IFoldable
{
    readonly Sequential features;
    readonly Sequential classifier;

    public AlexNetCifar(ActivationSpec activation, long classes = 10) : base(nameof(AlexNetCifar))
    {
        features = Sequential(
            ("conv1", Conv2d(3, 64, 3, padding: 1)), ("norm1", BatchNorm2d(64)), ("act1", new ActivationLayer(activation)), ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(64, 96, 3, padding: 1)), ("norm2", BatchNorm2d(96)), ("act2", new ActivationLayer(activation)), ("pool2", MaxPool2d(2)),
            ("conv3", Conv2d(96, 160, 3, padding: 1)), ("norm3", BatchNorm2d(160)), ("act3", new ActivationLayer(activation)),
            ("conv4", Conv2d(160, 160, 3, padding: 1)), ("norm4", BatchNorm2d(160)), ("act4", new ActivationLayer(activation)),
            ("conv5", Conv2d(160, 128, 3, padding: 1)), ("norm5", BatchNorm2d(128)), ("act5", new ActivationLayer(activation)), ("pool5", MaxPool2d(2)));
        classifier = Sequential(
            ("fc1", Linear(128 * 4 * 4, 256)), ("act6", new ActivationLayer(activation)),
            ("fc2", Linear(256, 128)), ("act7", new ActivationLayer(activation)),
            ("fc3", Linear(128, classes)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return classifier.forward(features.forward(x).flatten(1)).MoveToOuterDisposeScope();
    }

    public Module<Tensor, Tensor> Folded() =>
        Sequential(("features", FoldedModel.Sequence(features)), ("flatten", Flatten()), ("classifier", FoldedModel.Sequence(classifier)));
}
