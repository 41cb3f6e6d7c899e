namespace Kwta.Model.Attacks;

/// <summary>
/// The PGD settings the suite reproduces or trains with (sources: README, Attacks):
/// <list type="bullet">
/// <item><c>paper</c>: the paper's text, ε 0.031, absolute step 0.003, 40 steps, random start.</item>
/// <item><c>paper-code</c>: the paper's evaluation code, PGD-20, step 0.007, ε 0.031, random start.</item>
/// <item><c>seed-foolbox</c>: what the student reproduction ran, foolbox 3
/// <c>LinfPGD(steps=40, random_start=True, rel_stepsize=0.003)</c>: step 0.003·ε ≈ 9.3e-5 at ε 0.031.</item>
/// <item><c>paper-training</c>: the paper's adversarial training, PGD-10, step 0.007, random start.</item>
/// <item><c>fgsm-rs</c>: FGSM from a uniform random start with step 1.25·ε (Wong, Rice, Kolter 2020,
/// "Fast is better than free"), the cheap adversarial-training attack.</item>
/// <item><c>strong</c>: <c>paper</c> with 5× the steps (200) and 5 restarts, the gradient-masking check "does more
/// effort break more?" (Carlini et al. 2019, "On Evaluating Adversarial Robustness", Sec. 5).</item>
/// <item><c>sweep</c>: 20 steps of ε/4 with a random start, the paper's ε-sweep figure (its step is ≈ ε/4 to ε/5).</item>
/// <item><c>unbounded</c>: ε 1 (the whole [0, 1] box), 40 steps of 2.5·ε/40 (Madry et al.'s step rule), random start:
/// the sanity check "an unbounded attack must reach 100% success" (ibid.).</item>
/// </list>
/// A preset's ε can be overridden; a relative step scales with it, an absolute one does not.
/// </summary>
public static class PgdPresets
{
    public const double PaperEpsilon = ThreatModel.Cifar10Epsilon;

    public static readonly IReadOnlyList<string> Names = ["paper", "paper-code", "seed-foolbox", "paper-training", "fgsm-rs", "strong", "sweep", "unbounded"];

    /// <summary>The <c>unbounded</c> preset's ε: any image in [0, 1] is reachable from any other.</summary>
    public const double UnboundedEpsilon = 1.0;

    /// <summary>The paper's PGD steps, which the reproduction, <c>strong</c> (×5) and <c>unbounded</c> also count from.</summary>
    const int PaperSteps = 40;

    /// <summary>The preset for <paramref name="threat"/> (default CIFAR-10): its ε unless <paramref name="epsilon"/> overrides it,
    /// and for "paper" its own step (MNIST: 0.01).</summary>
    public static LinfPgd Create(string preset, double? epsilon = null, long seed = 0, ThreatModel? threat = null)
    {
        threat ??= ThreatModel.Cifar10;
        double eps = epsilon ?? threat.Epsilon;
        return preset.ToLowerInvariant() switch
        {
            "paper" => new LinfPgd(eps, stepSize: threat.PaperStep, steps: PaperSteps, randomStart: true, seed: seed),
            "paper-code" => new LinfPgd(eps, stepSize: 0.007, steps: 20, randomStart: true, seed: seed),
            "seed-foolbox" => new LinfPgd(eps, stepSize: 0.003 * eps, steps: PaperSteps, randomStart: true, seed: seed),
            "paper-training" => new LinfPgd(eps, stepSize: 0.007, steps: 10, randomStart: true, seed: seed),
            "fgsm-rs" => new LinfPgd(eps, stepSize: 1.25 * eps, steps: 1, randomStart: true, seed: seed),
            "strong" => new LinfPgd(eps, stepSize: threat.PaperStep, steps: 5 * PaperSteps, randomStart: true, restarts: 5, seed: seed),
            "sweep" => new LinfPgd(eps, stepSize: eps / 4, steps: 20, randomStart: true, seed: seed),
            "unbounded" => Unbounded(epsilon ?? UnboundedEpsilon, seed),
            _ => throw new ArgumentException($"Unknown pgd preset '{preset}'. Known: {string.Join(", ", Names)}.", nameof(preset)),
        };
    }

    static LinfPgd Unbounded(double epsilon, long seed) =>
        new(epsilon, stepSize: 2.5 * epsilon / PaperSteps, steps: PaperSteps, randomStart: true, seed: seed);
}
