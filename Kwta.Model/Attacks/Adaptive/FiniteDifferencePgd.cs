using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Tramèr, Carlini, Brendel, Madry (NeurIPS 2020), the adaptive attack on k-WTA: minimise the logit margin
/// (true − best other) with signed steps x ← Π(x − α·sign(ĝ)), ĝ estimated by antithetic Gaussian finite
/// differences (σ = 8/255, samples per iteration from a <see cref="SampleSchedule"/>), starting at x (no random
/// start), each sample stopping once misclassified. Projection is onto the ε-ball ∩ [0, 1] as for every
/// L∞ attack here (their code keeps δ clipped to ε and clips x + δ to [0, 1] separately: the same points
/// except where x + δ would leave [0, 1]).
/// </summary>
public sealed class FiniteDifferencePgd : SignedStepAttack
{
    public const double TramerSigma = 8.0 / 255;

    public SampleSchedule Schedule { get; }
    public double Sigma { get; }
    public int ChunkInputs { get; }

    public FiniteDifferencePgd(double epsilon, double stepSize, int steps, SampleSchedule schedule,
                               double sigma = TramerSigma, int chunkInputs = 1024, long seed = 0)
        : base(epsilon, stepSize, steps)
    {
        Schedule = schedule;
        Sigma = AttackArguments.Positive(sigma, nameof(sigma));
        ChunkInputs = AttackArguments.AtLeast(chunkInputs, 2, nameof(chunkInputs));
        Seed = seed;
    }

    /// <summary>Theirs: ε 0.031, step 0.01, ≤ 100 iterations, 100/1000/20 000 samples.</summary>
    public static FiniteDifferencePgd Tramer(double epsilon = PgdPresets.PaperEpsilon, long seed = 0) =>
        new(epsilon, stepSize: 0.01, steps: 100, SampleSchedule.Tramer, seed: seed);

    /// <summary>The same loop at a unit-test budget: ≤ 40 iterations, 20 samples then 100 from iteration 20.</summary>
    public static FiniteDifferencePgd Fast(double epsilon = PgdPresets.PaperEpsilon, long seed = 0) =>
        new(epsilon, stepSize: 0.01, steps: 40, new SampleSchedule((0, 20), (20, 100)), seed: seed);

    public override string Name => "fd-pgd";

    /// <summary>With the image's index in the evaluated set, seeds its finite-difference samples (<see cref="PerImageGenerators"/>).</summary>
    public long Seed { get; }

    protected override bool StopsWhenMisclassified => true;

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
    {
        using var random = new PerImageGenerators(Seed, images);
        return Ascend(model, x, y, x, random);
    }

    protected override Tensor AscentDirection(nn.Module<Tensor, Tensor> model, Tensor xAdv, Tensor y, int iteration, PerImageGenerators? random) =>
        FiniteDifferenceGradient.Estimate((inputs, labels) => LogitMargin.Of(model.forward(inputs), labels), xAdv, y,
                                          Schedule.SamplesAt(iteration), Sigma, ChunkInputs, random!).neg_();

    public override string ToString() => FormattableString.Invariant(
        $"finite-difference PGD ε={Epsilon} step={StepSize} iterations≤{Steps} σ={Sigma:G4} samples: {Schedule}; seed={Seed}");
}
