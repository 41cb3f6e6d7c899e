using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Transfer attack: <see cref="Inner"/> crafts the adversarial images on <see cref="Source"/> (e.g. the
/// ReLU twin of a k-WTA model, whose gradients are not obfuscated); the attacked model is only evaluated
/// on them, never differentiated.
/// </summary>
public sealed class TransferAttack(nn.Module<Tensor, Tensor> source, Attack inner) : Attack
{
    public nn.Module<Tensor, Tensor> Source { get; } = source;
    public Attack Inner { get; } = inner;

    public override string Name => "transfer";

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) => Inner.Perturb(Source, x, y);

    public override string ToString() => $"transfer from {Source.GetName()} of {Inner}";
}
