using Kwta.Model.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>What a named attack may need besides its preset: the CLI's options.</summary>
/// <param name="Epsilon">Overrides the preset's ε (L∞ attacks only).</param>
/// <param name="ValuesPerImage">C·H·W of the images, to scale VGA's step (see <see cref="VanillaGradientAscent.SeedLearningRateFor"/>).</param>
/// <param name="TransferSource">Creates the model a transfer attack crafts on; asked for only by "transfer".</param>
/// <param name="Threat">The attacked model's data set's threat model: its ε is the default, its step the paper preset's.</param>
public sealed record AttackOptions(
    double? Epsilon = null,
    long Seed = 0,
    long ValuesPerImage = 3 * 32 * 32,
    KwtaBackward Surrogate = KwtaBackward.Relu,
    Func<nn.Module<Tensor, Tensor>>? TransferSource = null,
    ThreatModel? Threat = null);

/// <summary>The attacks by name, each with its presets (the first is the default); used by <c>kwta attack</c>.</summary>
public static class AttackCatalog
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Presets = new Dictionary<string, IReadOnlyList<string>>
    {
        ["fgsm"] = ["paper"],
        ["pgd"] = PgdPresets.Names,
        ["deepfool"] = ["paper", "seed-foolbox"],
        ["vga"] = ["seed", "seed-224"],
        ["transfer"] = PgdPresets.Names,
        ["bpda"] = PgdPresets.Names,
        ["fd-pgd"] = ["fast", "tramer"],
        ["apgd-ce"] = AutoAttackPresets.Names,
        ["apgd-dlr"] = AutoAttackPresets.Names,
        ["apgd-t"] = AutoAttackPresets.Names,
        ["square"] = AutoAttackPresets.Names,
        ["autoattack"] = AutoAttackPresets.Names,
    };

    public static Attack Create(string attack, string? preset, AttackOptions options)
    {
        var name = attack.ToLowerInvariant();
        if (!Presets.TryGetValue(name, out var presets))
            throw new ArgumentException($"Unknown attack '{attack}'. Known: {string.Join(", ", Presets.Keys)}.", nameof(attack));
        var chosen = (preset ?? presets[0]).ToLowerInvariant();
        if (!presets.Contains(chosen))
            throw new ArgumentException($"Unknown {name} preset '{preset}'. Known: {string.Join(", ", presets)}.", nameof(preset));
        var threat = options.Threat ?? ThreatModel.Cifar10;
        double epsilon = options.Epsilon ?? threat.Epsilon;
        return name switch
        {
            "fgsm" => new Fgsm(epsilon),
            "pgd" => PgdPresets.Create(chosen, epsilon, options.Seed, threat),
            // Paper: foolbox 1.9 DeepFool-L∞ (20 steps, 10 classes), success only within ε. Seed: foolbox 3, clipped to ε.
            "deepfool" => new DeepFoolLinf(epsilon, steps: 20, candidates: 10, overshoot: 0.02,
                                           chosen == "paper" ? DeepFoolAcceptance.WithinEpsilon : DeepFoolAcceptance.ClipToEpsilon),
            "vga" => Vga(chosen, options),
            "transfer" => new TransferAttack(
                options.TransferSource?.Invoke() ?? throw new ArgumentException("the transfer attack needs a source model.", nameof(options)),
                PgdPresets.Create(chosen, epsilon, options.Seed, threat)),
            "bpda" => new BpdaAttack(PgdPresets.Create(chosen, epsilon, options.Seed, threat), options.Surrogate),
            "fd-pgd" => chosen == "fast" ? FiniteDifferencePgd.Fast(epsilon, options.Seed) : FiniteDifferencePgd.Tramer(epsilon, options.Seed),
            "apgd-ce" => AutoAttackPresets.Apgd(chosen, ApgdLoss.CrossEntropy, epsilon, options.Seed),
            "apgd-dlr" => AutoAttackPresets.Apgd(chosen, ApgdLoss.Dlr, epsilon, options.Seed),
            "apgd-t" => AutoAttackPresets.ApgdTargeted(chosen, epsilon, options.Seed),
            "square" => AutoAttackPresets.Square(chosen, epsilon, options.Seed),
            "autoattack" => AutoAttackPresets.Ensemble(chosen, epsilon, options.Seed),
            _ => throw new InvalidOperationException($"attack '{name}' is listed but not constructed."),
        };
    }

    static VanillaGradientAscent Vga(string preset, AttackOptions options)
    {
        if (options.Epsilon is not null)
            throw new ArgumentException("VGA has no ε bound (the seed's attack clamps to [0, 1] only), so it takes no ε.", nameof(options));
        return new VanillaGradientAscent(preset == "seed"
            ? VanillaGradientAscent.SeedLearningRateFor(options.ValuesPerImage)
            : VanillaGradientAscent.SeedLearningRate);
    }
}
