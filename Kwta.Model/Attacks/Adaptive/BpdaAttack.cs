using Kwta.Model.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Backward Pass Differentiable Approximation (Athalye, Carlini, Wagner 2018) against k-WTA: runs
/// <see cref="Inner"/> (PGD) on the same model, with every k-WTA layer's backward replaced by a smooth
/// surrogate (ReLU's or the identity's gradient) for the duration of the attack. Forward passes, and
/// so every prediction and projection, are those of the real model.
/// </summary>
public sealed class BpdaAttack(Attack inner, KwtaBackward surrogate) : Attack
{
    public Attack Inner { get; } = inner;
    public KwtaBackward Surrogate { get; } = surrogate;

    public override string Name => "bpda";

    public override double LinfRadius => Inner.LinfRadius;

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
    {
        using var backward = new SurrogateBackward(model, Surrogate);
        return Inner.Perturb(model, x, y, images);
    }

    public override string ToString() => $"BPDA (k-WTA backward = {Surrogate}) around {Inner}";
}
