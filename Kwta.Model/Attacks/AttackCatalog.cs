namespace Kwta.Model.Attacks;

/// <summary>
/// The one factory of attacks: each by name with its presets (the first is the default). <c>kwta attack</c>, every
/// result column of the reproduction (through its (attack, preset) pair), the ε sweep and the benchmarks build their
/// attacks here, so an attack's settings are written once, in its preset.
/// </summary>
public static class AttackCatalog
{
    /// <summary>The masking indicators' PGD follow-ups: the paper's PGD, then on its survivors one of these PGD presets.</summary>
    static readonly IReadOnlyList<string> FollowUpPresets = ["strong", "unbounded"];

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
        ["pgd-follow-up"] = FollowUpPresets,
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
        LinfPgd Pgd(string pgdPreset) => PgdPresets.Create(pgdPreset, options.Epsilon, options.Seed, threat);
        return name switch
        {
            "fgsm" => new Fgsm(epsilon),
            "pgd" => Pgd(chosen),
            // Both at foolbox's steps, candidates and overshoot. Paper: success only within ε. Seed: foolbox 3, clipped to ε.
            "deepfool" => new DeepFoolLinf(epsilon, acceptance: chosen == "paper" ? DeepFoolAcceptance.WithinEpsilon : DeepFoolAcceptance.ClipToEpsilon),
            "vga" => Vga(chosen, options),
            "transfer" => new TransferAttack(
                options.TransferSource?.Invoke() ?? throw new ArgumentException("the transfer attack needs a source model.", nameof(options)),
                Pgd(chosen)),
            "bpda" => new BpdaAttack(Pgd(chosen), options.Surrogate),
            "fd-pgd" => chosen == "fast" ? FiniteDifferencePgd.Fast(epsilon, options.Seed) : FiniteDifferencePgd.Tramer(epsilon, options.Seed),
            "apgd-ce" => AutoAttackPresets.Apgd(chosen, ApgdLoss.CrossEntropy, epsilon, options.Seed),
            "apgd-dlr" => AutoAttackPresets.Apgd(chosen, ApgdLoss.Dlr, epsilon, options.Seed),
            "apgd-t" => AutoAttackPresets.ApgdTargeted(chosen, epsilon, options.Seed),
            "square" => AutoAttackPresets.Square(chosen, epsilon, options.Seed),
            "autoattack" => AutoAttackPresets.Ensemble(chosen, epsilon, options.Seed),
            "pgd-follow-up" => new SurvivorFollowUp(Pgd("paper"), Pgd(chosen)),
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
