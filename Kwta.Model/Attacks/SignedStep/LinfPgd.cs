using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Projected gradient descent in L∞ (Madry et al. 2018) on the cross-entropy: optional uniform random
/// start in the ε-ball, <c>steps</c> signed steps of size <c>stepSize</c>, projection after each.
/// With several restarts each sample keeps its worst case: a misclassifying result if any restart
/// found one (the first such), else the result with the highest loss.
/// </summary>
public sealed class LinfPgd : SignedStepAttack
{
    public bool RandomStart { get; }
    public int Restarts { get; }

    public LinfPgd(double epsilon, double stepSize, int steps, bool randomStart = true, int restarts = 1, long seed = 0)
        : base(epsilon, stepSize, steps)
    {
        RandomStart = randomStart;
        Restarts = AttackArguments.AtLeast(restarts, 1, nameof(restarts));
        Seed = seed;
    }

    public override string Name => "pgd";

    /// <summary>With the image's index in the evaluated set, seeds its random starts (<see cref="PerImageGenerators"/>).</summary>
    public long Seed { get; }

    /// <summary>The point PGD starts from with <paramref name="random"/>: x, or x plus uniform noise in the ε-ball, projected.</summary>
    public Tensor StartingPoint(Tensor x, PerImageGenerators random) => RandomStart ? UniformStart(x, random) : x.clone();

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
    {
        using var random = new PerImageGenerators(Seed, images);
        Tensor? worst = null, worstScore = null;
        for (int restart = 0; restart < Restarts; restart++)
        {
            using var scope = NewDisposeScope();
            var candidate = Ascend(model, x, y, StartingPoint(x, random), random);
            // A single restart is its own worst case: scoring it would cost a forward pass that decides nothing.
            if (Restarts == 1) return candidate.MoveToOuterDisposeScope();
            var score = WorstCaseScore(model, candidate, y);
            if (worst is null || worstScore is null)
            {
                (worst, worstScore) = (candidate.MoveToOuterDisposeScope(), score.MoveToOuterDisposeScope());
                continue;
            }
            var better = score.gt(worstScore);
            worst.copy_(where(PerSample(better, x), candidate, worst));
            worstScore.copy_(where(better, score, worstScore));
        }
        return worst!;
    }

    /// <summary>Per-sample cross-entropy, +∞ when misclassified, so "higher" means "worse for the model".</summary>
    static Tensor WorstCaseScore(nn.Module<Tensor, Tensor> model, Tensor xAdv, Tensor y)
    {
        using var noGrad = no_grad();
        var logits = model.forward(xAdv);
        var loss = nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None);
        return loss.masked_fill(logits.argmax(1).ne(y), double.PositiveInfinity);
    }

    protected override Tensor AscentDirection(nn.Module<Tensor, Tensor> model, Tensor xAdv, Tensor y, int iteration, PerImageGenerators? random) =>
        CrossEntropyGradient(model, xAdv, y);

    public override string ToString() => FormattableString.Invariant(
        $"PGD-L∞ ε={Epsilon} step={StepSize} steps={Steps} random start={(RandomStart ? "yes" : "no")} restarts={Restarts} seed={Seed}");
}
