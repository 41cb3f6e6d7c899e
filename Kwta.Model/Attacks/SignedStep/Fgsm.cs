using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>Fast Gradient Sign Method (Goodfellow et al. 2015): one step x + ε·sign(∇ₓ CE), clipped to [0, 1].</summary>
/// <remarks>ε = 0 is a valid no-op attack: the zero-radius projection pins x whatever the step, so the step is then 1.</remarks>
public sealed class Fgsm(double epsilon) : SignedStepAttack(epsilon, stepSize: epsilon > 0 ? epsilon : 1, steps: 1)
{
    public override string Name => "fgsm";

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images) => Ascend(model, x, y, x, random: null);

    protected override Tensor AscentDirection(nn.Module<Tensor, Tensor> model, Tensor xAdv, Tensor y, int iteration, PerImageGenerators? random) =>
        CrossEntropyGradient(model, xAdv, y);

    public override string ToString() => FormattableString.Invariant($"FGSM ε={Epsilon}");
}
