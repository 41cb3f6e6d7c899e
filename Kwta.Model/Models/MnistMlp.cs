using Kwta.Model.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Kwta.Model.Models;

/// <summary>A one-hidden-layer MLP for MNIST: trains in a second, so tests can train it themselves.</summary>
public sealed class MnistMlp : Module<Tensor, Tensor>, IFoldable
{
    public const long HiddenUnits = 128;

    readonly Sequential layers;

    public MnistMlp(ActivationSpec activation, long classes = 10) : base(nameof(MnistMlp))
    {
        layers = Sequential(
            ("flatten", Flatten()),
            ("fc1", Linear(28 * 28, HiddenUnits)), ("act1", new ActivationLayer(activation)),
            ("fc2", Linear(HiddenUnits, classes)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layers.forward(x);

    public Module<Tensor, Tensor> Folded() => FoldedModel.Sequence(layers);
}
