using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// The student reproduction's targeted "vanilla gradient ascent" (VGA): ascend the target class's logit
/// with steps lr·g/‖g‖₂ (g the per-sample gradient, ‖·‖₂ per sample), at most <see cref="Iterations"/>
/// times, clamping to [0, 1]; a sample stops as soon as the target is predicted. No ε bound.
/// The seed ran it for each of the 9 other classes of every image (2880 runs for 320 images).
/// </summary>
public sealed class VanillaGradientAscent : Attack, ITargetedAttack
{
    /// <summary>The seed's step, lr 10, on 224×224×3 inputs (CIFAR-10 upscaled for ImageNet models).</summary>
    public const double SeedLearningRate = 10;
    public const long SeedValuesPerImage = 224 * 224 * 3;

    public double LearningRate { get; }
    public int Iterations { get; }

    public VanillaGradientAscent(double learningRate, int iterations = 20)
    {
        LearningRate = AttackArguments.Positive(learningRate, nameof(learningRate));
        Iterations = AttackArguments.AtLeast(iterations, 1, nameof(iterations));
    }

    /// <summary>
    /// The seed's lr rescaled to images of <paramref name="valuesPerImage"/> values so that the per-value
    /// (RMS) step is the same: an L2 step of lr spreads over √n values, so lr scales with √n.
    /// For 32×32×3 this is 10·√(3072/150528) = 10/7 ≈ 1.43.
    /// </summary>
    public static double SeedLearningRateFor(long valuesPerImage) =>
        SeedLearningRate * Math.Sqrt((double)valuesPerImage / SeedValuesPerImage);

    public override string Name => "vga";

    public Tensor PerturbTowards(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor target)
    {
        if (!target.shape.SequenceEqual(y.shape) || target.dtype != ScalarType.Int64)
            throw new ArgumentException($"expected one int64 target per sample, shape [{y.shape[0]}].", nameof(target));
        return RunGuarded(model, x, y, () => Ascend(model, x.detach(), target));
    }

    /// <summary>
    /// The untargeted worst case over every other class: each sample keeps the first targeted run that moved its
    /// prediction off the true label; samples no run fooled keep the last run's result.
    /// </summary>
    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
    {
        long classes;
        using (no_grad()) classes = model.forward(x[..1]).shape[1];
        var worst = x.clone();
        var fooled = zeros_like(y, ScalarType.Bool);
        for (long offset = 1; offset < classes; offset++)
        {
            using var scope = NewDisposeScope();
            var xAdv = Ascend(model, x, (y + offset).remainder(classes));
            worst.copy_(where(PerSample(fooled, x), worst, xAdv));
            fooled.logical_or_(Predictions.Of(model, xAdv).ne(y));
        }
        return worst;
    }

    Tensor Ascend(nn.Module<Tensor, Tensor> model, Tensor x, Tensor target)
    {
        var xAdv = x.clone();
        // A sample stops once its target is predicted, so each step runs on the samples still short of it only.
        var active = arange(x.shape[0], dtype: ScalarType.Int64);
        for (int i = 0; i < Iterations; i++)
        {
            using var scope = NewDisposeScope();
            var leaf = xAdv.index_select(0, active).requires_grad_(true);
            var targets = target.index_select(0, active);
            var logits = model.forward(leaf);
            var reached = logits.argmax(1).eq(targets);
            if (reached.all().item<bool>()) break;
            var g = autograd.grad([logits.gather(1, targets.unsqueeze(1)).sum()], [leaf])[0];
            // Zero gradients stay zero instead of dividing by zero.
            var norm = g.flatten(1).norm(dim: 1).clamp_min(1e-12);
            var moving = reached.logical_not().nonzero().squeeze(1);
            var rows = active.index_select(0, moving);
            var step = (LearningRate * g / PerSample(norm, leaf)).index_select(0, moving);
            xAdv.index_copy_(0, rows, (leaf.detach().index_select(0, moving) + step).clamp_(0, 1));
            active = rows.MoveToOuterDisposeScope();
        }
        return xAdv;
    }

    public override string ToString() => FormattableString.Invariant($"VGA lr={LearningRate:G4} iterations={Iterations} (no ε bound)");
}
