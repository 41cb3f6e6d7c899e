using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.Published;

namespace Kwta.Model.Claims;

/// <summary>
/// The claims the suite tests, declared in one place (anchors and their sources: docs/anchors.md). The tests
/// in Kwta.Reproduction.Tests/Claims and the report of <c>kwta reproduce</c> both read this list; which checks
/// hold on our models is recorded in expected/Verdicts.verified.md.
/// </summary>
public static class ClaimsCatalogue
{
    public static readonly Claim CleanAccuracy = new(
        "C1", "k-WTA keeps clean accuracy within tolerance of ReLU",
        "Xiao et al. 2020, Sec. 5 (\"without significant loss of accuracy\"); reproduction Tables 1-2",
        $"ResNet18 {Seed("resnet18", "clean")}; AlexNet {Seed("alexnet", "clean")}",
        "manifest clean accuracy on the full 10 000-image test set, per family and γ",
        $"ReLU − k-WTA ≤ {ClaimTolerances.CleanGapGamma02} pp for γ = 0.2, ≤ {ClaimTolerances.CleanGapGamma01} pp for γ = 0.1",
        "always: a tolerance, no test");

    public static readonly Claim PgdRobustness = new(
        "C2", "k-WTA is more robust than ReLU under white-box PGD",
        "Xiao et al. 2020, Table 2; reproduction Tables 1-2 (PGD column)",
        FormattableString.Invariant($"ResNet18 PGD {Seed("resnet18", "pgd")}; AlexNet {Seed("alexnet", "pgd")}; paper k-WTA-0.1 {Anchors.Value("paper.resnet18.kwta-0.1.pgd")}"),
        $"PGD `paper` preset ({Preset("paper", ThreatModel.Cifar10)}; MNIST: {Preset("paper", ThreatModel.Mnist)}) on the fixture images",
        $"robust(k-WTA) > robust(ReLU), one-sided exact McNemar p < {ClaimTolerances.SignificanceLevel}",
        Favourable("k-WTA", "ReLU"));

    public static readonly Claim OtherAttacks = new(
        "C3", "k-WTA is more robust than ReLU under DeepFool and VGA",
        "Reproduction Tables 1-2 (DeepFool, VGA columns)",
        $"ResNet18 DeepFool {Seed("resnet18", "deepfool")}, VGA {Seed("resnet18", "vga")}; AlexNet DeepFool {Seed("alexnet", "deepfool")}, VGA {Seed("alexnet", "vga")}",
        $"{Describe(ResultColumn.DeepFool)} and {Describe(ResultColumn.Vga)} (every other class as target) on the fixture images",
        $"robust(k-WTA) > robust(ReLU), one-sided exact McNemar p < {ClaimTolerances.SignificanceLevel}",
        Favourable("k-WTA", "ReLU"));

    public static readonly Claim Sparsity = new(
        "C4", "k-WTA 0.1 is at least as robust as k-WTA 0.2 under PGD",
        "Reproduction Table 1",
        FormattableString.Invariant($"ResNet18 PGD: k-WTA-0.1 {Anchors.Value("seed.resnet18.kwta-0.1.pgd")} vs k-WTA-0.2 {Anchors.Value("seed.resnet18.kwta-0.2.pgd")}"),
        "PGD `paper` preset, same images for both",
        $"k-WTA 0.2 is not significantly more robust than 0.1 (one-sided McNemar p ≥ {ClaimTolerances.SignificanceLevel})",
        Favourable("k-WTA 0.2", "k-WTA 0.1"));

    public static readonly Claim Overhead = new(
        "C5", "k-WTA costs more time than ReLU (measured, not asserted)",
        "Reproduction Table 3",
        FormattableString.Invariant($"ResNet18 on GPU: training {Anchors.Value("seed.resnet18.train-time-ratio")}× ({Anchors.Value("seed.resnet18.relu.train-seconds-per-epoch")} s vs {Anchors.Value("seed.resnet18.kwta-0.2.train-seconds-per-epoch")} s per epoch), test {Anchors.Value("seed.resnet18.test-time-ratio")}× ({Anchors.Value("seed.resnet18.relu.test-seconds")} s vs {Anchors.Value("seed.resnet18.kwta-0.2.test-seconds")} s)"),
        "`kwta bench`: train step and inference of resnet18-w16, batch 128, ratios in one run",
        "the measured ratios exist and exceed 1.0; the numbers go to the report, not into a timed assertion",
        "always: a measurement, no test");

    public static readonly Claim ReluInitialisation = new(
        "C6", "k-WTA fine-tuned from ReLU weights beats k-WTA from random init after one epoch",
        "Reproduction Sec. 3 (6 epochs instead of the paper's 80)",
        "ResNet18 k-WTA reached 91.5% in 3 + 2 epochs from ReLU weights",
        "one epoch of k-WTA 0.2 training on MNIST fixture images 0-799 from the shipped ReLU model vs random init, tested on images 800-999; the shipped training logs (epoch 1)",
        $"accuracy(from ReLU) > accuracy(random), one-sided exact McNemar p < {ClaimTolerances.SignificanceLevel}; logs: epoch-1 test accuracy higher from ReLU",
        Favourable("the model from ReLU weights", "the one from random init") + "; logs: always (a comparison, no test)");

    public static readonly Claim GradientMasking = new(
        "C7", "k-WTA's robustness largely disappears under adaptive attacks",
        "Tramèr, Carlini, Brendel, Madry, NeurIPS 2020, Sec. on k-WTA",
        "k-WTA robust accuracy drops to near 0 under their finite-difference attack",
        "transfer from the ReLU twin, BPDA (ReLU-gradient surrogate) and finite-difference PGD on the fixture images",
        $"best adaptive robust accuracy ≤ {ClaimTolerances.AdaptiveFractionOfPgd:P0} of PGD's, and PGD-robust > adaptive-robust with McNemar p < {ClaimTolerances.SignificanceLevel}",
        Favourable("PGD", "the adaptive attacks") + ": PGD leaves enough images robust that the test could succeed even if every one of them fell to the adaptive attacks",
        KnownRefutation: "Refutes C2: the PGD robustness comes from masked gradients (Tramèr et al. 2020).");

    public static readonly Claim SeedPgdInflated = new(
        "C8", "the reproduction's PGD setting overstates robustness",
        "Reproduction notebook: foolbox LinfPGD(steps=40, random_start=True, rel_stepsize=0.003)",
        FormattableString.Invariant($"ResNet18 k-WTA-0.1 PGD {Anchors.Value("seed.resnet18.kwta-0.1.pgd")} (reproduction) vs {Anchors.Value("paper.resnet18.kwta-0.1.pgd")} (paper)"),
        $"PGD `seed-foolbox` preset ({Preset("seed-foolbox", ThreatModel.Cifar10)}) vs `paper` preset on the same k-WTA models and images",
        $"robust(seed-foolbox) > robust(paper), one-sided exact McNemar p < {ClaimTolerances.SignificanceLevel}",
        Favourable("seed-foolbox PGD", "paper PGD"));

    public static readonly Claim PgdReliable = new(
        "C9", "white-box PGD gives a reliable robustness estimate",
        "Carlini et al. 2019, \"On Evaluating Adversarial Robustness\"; Croce & Hein, ICML 2020 (AutoAttack); Pintor et al. 2022, \"Indicators of Attack Failure\"",
        FormattableString.Invariant($"RobustBench Xiao2020Enhancing (adversarially trained k-WTA DenseNet-121): reported {Anchors.Value("robustbench.xiao2020.reported")}%, AutoAttack {Anchors.Value("robustbench.xiao2020.autoattack")}%"),
        $"on every model, beside PGD `paper`: AutoAttack `standard` and Square alone, PGD then `strong` ({Preset("strong", ThreatModel.Cifar10)}) and PGD then `unbounded` ({Preset("unbounded", ThreatModel.Cifar10)}) on PGD's survivors, and each clean image's input gradient, on the ledger's images",
        $"no indicator fires: Square or transfer beats PGD, more steps and restarts break more, AutoAttack beats PGD (each one-sided McNemar p < {ClaimTolerances.SignificanceLevel}); PGD with ε = 1 leaves an image robust; more than {ClaimTolerances.SilentGradientFraction:P0} of the input gradients are silent (all zero or not finite)",
        "each paired indicator: " + Favourable("PGD", "the other attack") + "; a check whose indicators are quiet but one of them untestable is not testable; a firing indicator decides it whatever the others");

    /// <summary>
    /// The testability rule of a one-sided exact McNemar test that <paramref name="first"/> leaves more images robust than
    /// <paramref name="second"/>: at most min(robust(first), broken(second)) images can favour the first, and with b of them,
    /// all one way, p = ½^b, so at least <see cref="ClaimTolerances.MinimumDiscordantPairs"/> are needed.
    /// </summary>
    static string Favourable(string first, string second) => FormattableString.Invariant(
        $"at least {ClaimTolerances.MinimumDiscordantPairs} images can favour {first}: {first} leaves ≥ {ClaimTolerances.MinimumDiscordantPairs} robust and {second} breaks ≥ {ClaimTolerances.MinimumDiscordantPairs} (½^{ClaimTolerances.MinimumDiscordantPairs} < {ClaimTolerances.SignificanceLevel})");

    /// <summary>
    /// The multiple-testing correction: Holm's step-down method over one family per claim, the testable paired tests of all
    /// of that claim's checks in one run (every family, model and column). Verdicts are decided on the adjusted p.
    /// </summary>
    public static readonly string Correction = FormattableString.Invariant(
        $"Holm's method over the testable paired tests of each claim in one run (family-wise α = {ClaimTolerances.SignificanceLevel})");

    /// <summary>A column's attack as the claims' runs build it on CIFAR-10, in its own words.</summary>
    static string Describe(ResultColumn column) =>
        $"{column.Create(ModelFamily.ResNet18, ReproductionSettings.Default, ModelFamily.ResNet18.Dataset.ImageShape().Aggregate(1L, (a, b) => a * b))}";

    /// <summary>A preset's full settings as the claims' runs use them, from the preset table itself.</summary>
    static string Preset(string name, ThreatModel threat) => PgdPresets.Create(name, seed: ReproductionSettings.Default.Seed, threat: threat).ToString();

    /// <summary>"ReLU 92.9 / k-WTA 0.1 85.7 / k-WTA 0.2 91.5": one column of a student table, from expected/anchors.json.</summary>
    static string Seed(string network, string column) => string.Join(" / ",
        ModelFamily.Activations.Select(a => FormattableString.Invariant($"{a.Label} {Anchors.Value($"seed.{network}.{a}.{column}")}")));

    public static readonly IReadOnlyList<Claim> All =
        [CleanAccuracy, PgdRobustness, OtherAttacks, Sparsity, Overhead, ReluInitialisation, GradientMasking, SeedPgdInflated, PgdReliable];
}
