using Kwta.Model.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Kwta.Model.Models;

/// <summary>
/// The k-WTA paper's MNIST CNN: 3×3 convs with 32, 32 (stride 2), 64, 64 (stride 2) channels,
/// an FC hidden layer, FC 10. k-WTA (or ReLU) after every conv and the FC hidden layer.
/// </summary>
public sealed class MnistCnn : Module<Tensor, Tensor>, IFoldable
{
    public const long HiddenUnits = 128;

    readonly Sequential layers;

    public MnistCnn(ActivationSpec activation, long classes = 10) : base(nameof(MnistCnn))
    {
        layers = Sequential(
            ("conv1", Conv2d(1, 32, 3, padding: 1)), ("act1", new ActivationLayer(activation)),
            ("conv2", Conv2d(32, 32, 3, stride: 2, padding: 1)), ("act2", new ActivationLayer(activation)),
            ("conv3", Conv2d(32, 64, 3, padding: 1)), ("act3", new ActivationLayer(activation)),
            ("conv4", Conv2d(64, 64, 3, stride: 2, padding: 1)), ("act4", new ActivationLayer(activation)),
            ("flatten", Flatten()),
            ("fc1", Linear(64 * 7 * 7, HiddenUnits)), ("act5", new ActivationLayer(activation)),
            ("fc2", Linear(HiddenUnits, classes)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layers.forward(x);

    public Module<Tensor, Tensor> Folded() => FoldedModel.Sequence(layers);
}
