using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Claims;
using Kwta.Model.Families;
using Kwta.Model.Reproduction;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The claim checks decide on synthetic outcomes as their criteria say: each can hold and each can fail.</summary>
public class ClaimCheckTests
{
    const int Images = 200;

    static bool[] RobustFirst(int count) => [.. Enumerable.Range(0, Images).Select(i => i < count)];

    static FamilyResults Results(int reluPgd, int kwtaPgd, int adaptive = 0)
    {
        var results = new FamilyResults(ModelFamily.ResNet18, ReproductionSettings.Default);
        foreach (var activation in ModelFamily.Activations)
        {
            bool relu = activation == ActivationSpec.Relu;
            results.Add(activation, ResultColumn.Pgd, RobustFirst(relu ? reluPgd : kwtaPgd));
            foreach (var column in new[] { ResultColumn.Transfer, ResultColumn.Bpda, ResultColumn.FiniteDifference })
                if (!relu) results.Add(activation, column, RobustFirst(adaptive));
        }
        return results;
    }

    [TestCase(0, 60, ClaimOutcome.Holds)]
    [TestCase(40, 40, ClaimOutcome.DoesNotHold)]
    [TestCase(0, 3, ClaimOutcome.NotTestable)]
    [TestCase(0, 0, ClaimOutcome.NotTestable)]
    [TestCase(Images, Images, ClaimOutcome.NotTestable)]
    public void kWTA_counts_as_more_robust_only_when_McNemar_is_significant_and_not_at_all_when_too_few_images_could_favour_it(
        int reluRobust, int kwtaRobust, ClaimOutcome outcome) =>
        ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.PgdRobustness, Results(reluRobust, kwtaRobust), ModelFamily.KwtaGamma01, ResultColumn.Pgd)
            .Outcome.Should().Be(outcome);

    [TestCase(100, 0, ClaimOutcome.Holds)]
    [TestCase(100, 60, ClaimOutcome.DoesNotHold)]
    [TestCase(7, 0, ClaimOutcome.Holds)]
    [TestCase(6, 0, ClaimOutcome.NotTestable)]
    [TestCase(0, 0, ClaimOutcome.NotTestable)]
    public void Gradient_masking_holds_when_the_adaptive_attacks_remove_most_PGD_robustness_and_needs_7_PGD_robust_images(
        int pgdRobust, int adaptiveRobust, ClaimOutcome outcome) =>
        ClaimChecks.GradientMasking(Results(0, pgdRobust, adaptiveRobust), ModelFamily.KwtaGamma02).Outcome.Should().Be(outcome,
            "even if all 6 fell to the adaptive attacks, p = ½⁶ = 0.016 could not reach 0.01");

    // Holding needs both parts, so either flips it; failing both needs both to flip. PGD 100 vs 60: 60 exceeds the 50
    // allowed by 10. PGD 20 vs 18: 8 above the 10 allowed, and p(2, 0) needs 5 more PGD-only images to reach ½⁷.
    // PGD 8 vs 4: within the allowed 4, but p(4, 0) = 1/16 needs 3 more.
    [TestCase(100, 60, 10)]
    [TestCase(20, 18, 8 + 5)]
    [TestCase(8, 4, 3)]
    public void Gradient_masking_that_fails_is_flipped_by_the_images_that_would_make_every_failing_part_hold(int pgdRobust, int adaptiveRobust, int flips)
    {
        var check = ClaimChecks.GradientMasking(Results(0, pgdRobust, adaptiveRobust), ModelFamily.KwtaGamma02);

        (check.Outcome, check.FlipDistance).Should().Be((ClaimOutcome.DoesNotHold, flips), check.Evidence);
    }

    [TestCase(0, 0, ClaimOutcome.NotTestable)]
    [TestCase(0, 40, ClaimOutcome.DoesNotHold)]
    [TestCase(40, 40, ClaimOutcome.Holds)]
    public void Sparsity_can_hold_only_where_k_WTA_02_could_have_been_shown_more_robust(int kwta01, int kwta02, ClaimOutcome outcome)
    {
        var results = Results(0, kwta01);
        results.Add(ModelFamily.KwtaGamma02, ResultColumn.Pgd, RobustFirst(kwta02));
        ClaimChecks.Sparsity(results).Outcome.Should().Be(outcome);
    }

    [TestCase(7, 1, true)]
    [TestCase(10, 2, true)]
    [TestCase(12, 3, false)]
    [TestCase(60, 37, false)]
    public void A_verdict_records_how_many_images_flip_it_and_is_fragile_at_two_or_fewer(int kwtaRobust, int flips, bool fragile)
    {
        // k-WTA-only robust images against none: 7 gives p = ½⁷ = 0.0078, one ReLU-only image more gives p(7, 1) = 0.035.
        // 10 needs two (p(10, 2) = 0.019 but p(10, 1) = 0.0059), 12 three (p(12, 2) = 0.0065, p(12, 3) = 0.018).
        var check = ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.PgdRobustness, Results(0, kwtaRobust), ModelFamily.KwtaGamma01, ResultColumn.Pgd);
        check.Outcome.Should().Be(ClaimOutcome.Holds);
        check.FlipDistance.Should().Be(flips);
        check.Fragile.Should().Be(fragile);
    }

    [Test]
    public void Holms_correction_keeps_one_indicator_at_p_0_0078_from_firing_among_four_and_the_check_says_so()
    {
        // Square breaks 7 of PGD's 50 robust images: p = ½⁷ = 0.0078 alone, 4 × 0.0078 = 0.031 among C9's four paired indicators.
        var results = MaskingResults(null);
        results.Add(ModelFamily.KwtaGamma01, ResultColumn.Square, RobustFirst(43));

        var check = ClaimChecks.PgdReliable(results, ModelFamily.KwtaGamma01);

        check.Outcome.Should().Be(ClaimOutcome.Holds, check.Evidence);
        check.Uncorrected.Should().Be(ClaimOutcome.DoesNotHold, "on the raw p the Square indicator fires");
        check.Tests.Single(t => t.Test.Name == "Square beats PGD").AdjustedP.Should().BeApproximately(4 / 128.0, 1e-12);
        check.Evidence.Should().Contain("Square beats PGD: quiet (");
    }

    /// <summary>A model whose PGD leaves 50 of 200 images robust, and whose masking indicators keep them all unless
    /// <paramref name="firing"/> names one, which then breaks 20 of them (or, for ε = 1, leaves one; for the gradients, silences 5).</summary>
    static FamilyResults MaskingResults(string? firing)
    {
        var results = Results(0, 50, adaptive: 50);
        foreach (var activation in ModelFamily.Activations)
        {
            bool relu = activation == ActivationSpec.Relu;
            results.Add(activation, ResultColumn.Pgd, RobustFirst(50));
            if (!relu) results.Add(activation, ResultColumn.Transfer, RobustFirst(firing == "transfer" ? 30 : 50));
            results.Add(activation, ResultColumn.Square, RobustFirst(firing == "square" ? 30 : 50));
            results.Add(activation, ResultColumn.PgdStrong, RobustFirst(firing == "strong" ? 30 : 50));
            results.Add(activation, ResultColumn.AutoAttack, RobustFirst(firing == "autoattack" ? 30 : 50));
            results.Add(activation, ResultColumn.PgdUnbounded, RobustFirst(firing == "unbounded" ? 1 : 0));
            results.SilentGradients[activation] = RobustFirst(firing == "silent" ? 5 : 2);
        }
        return results;
    }

    [TestCase(null, true)]
    [TestCase("square", false)]
    [TestCase("transfer", false)]
    [TestCase("strong", false)]
    [TestCase("autoattack", false)]
    [TestCase("unbounded", false)]
    [TestCase("silent", false)]
    public void PGD_is_reliable_only_when_no_masking_indicator_fires(string? firing, bool holds)
    {
        var results = MaskingResults(firing);
        ClaimChecks.HasMaskingIndicators(results).Should().BeTrue();
        var check = ClaimChecks.PgdReliable(results, ModelFamily.KwtaGamma01);
        check.Holds.Should().Be(holds, check.Evidence);
        check.Evidence.Split(": fires (").Length.Should().Be(holds ? 1 : 2, "exactly the injected indicator fires");
    }

    [Test]
    public void C9_is_decided_only_when_every_model_has_every_masking_attack_and_its_gradients_measured()
    {
        ClaimChecks.HasMaskingIndicators(Results(0, 50)).Should().BeFalse("the default run has no masking attacks");
        var partial = MaskingResults(null);
        partial.SilentGradients.Remove(ModelFamily.KwtaGamma02);
        ClaimChecks.HasMaskingIndicators(partial).Should().BeFalse("one model's gradients are missing");
    }

    [TestCase(0.9895, 0.8529, true)]
    [TestCase(0.80, 0.85, false)]
    [TestCase(0.85, 0.85, false)]
    public void The_training_logs_check_compares_epoch_1_accuracy(double fromRelu, double fromRandom, bool holds)
    {
        var results = Results(0, 0);
        results.EpochOneTestAccuracy = (fromRelu, fromRandom);
        ClaimChecks.ReluInitialisationLogs(results).Holds.Should().Be(holds);
    }

    [TestCase(2.0, true)]
    [TestCase(1.0, false)]
    [TestCase(0.9, false)]
    public void The_overhead_check_holds_when_topk_k_WTA_is_slower_than_ReLU(double referenceRatio, bool holds)
    {
        var settings = new BenchmarkSettings();
        Timing TimingOf(BenchmarkVariant v) => new([v.IsBaseline ? 10.0 : v.Kernel == KwtaKernel.Reference ? 10 * referenceRatio : 11.0]);
        var rows = new[] { KwtaBenchmark.TrainStep, KwtaBenchmark.Inference }
            .Select(w => new BenchmarkRow(w, "batch", [.. BenchmarkVariant.All(settings.Sparsity).Select(v => (v, TimingOf(v)))])).ToList();

        ClaimChecks.Overhead(new BenchmarkReport(settings, rows, "test")).Holds.Should().Be(holds);
    }

    [Test]
    public void The_overhead_check_needs_both_workloads_slower_and_every_timing_measured()
    {
        var settings = new BenchmarkSettings();
        BenchmarkReport Report(Func<string, BenchmarkVariant, double> median) => new(settings,
            [.. new[] { KwtaBenchmark.TrainStep, KwtaBenchmark.Inference }.Select(w =>
                new BenchmarkRow(w, "batch", [.. BenchmarkVariant.All(settings.Sparsity).Select(v => (v, new Timing([median(w, v)])))]))], "test");

        ClaimChecks.Overhead(Report((w, v) => v.IsBaseline ? 10 : w == KwtaBenchmark.TrainStep ? 20 : 9)).Holds.Should().BeFalse("inference is faster than ReLU's");
        ClaimChecks.Overhead(Report((w, v) => v.IsBaseline ? 10 : v.Kernel == KwtaKernel.Fast ? 0 : 20)).Holds.Should().BeFalse("a timing of 0 ms was not measured");
    }

    [Test]
    public void PGD_is_not_tested_when_no_indicator_fires_and_one_of_them_could_not_have()
    {
        // Square leaves all 200 images robust: no image can be PGD-robust and Square-broken, so its indicator is untestable.
        var results = MaskingResults(null);
        results.Add(ModelFamily.KwtaGamma01, ResultColumn.Square, RobustFirst(Images));

        ClaimChecks.PgdReliable(results, ModelFamily.KwtaGamma01).Outcome.Should().Be(ClaimOutcome.NotTestable);
    }

    [Test]
    public void C9_needs_every_masking_column_of_every_model()
    {
        var results = Results(0, 50);
        foreach (var activation in ModelFamily.Activations)
        {
            results.SilentGradients[activation] = RobustFirst(0);
            foreach (var column in new[] { ResultColumn.Square, ResultColumn.PgdStrong, ResultColumn.AutoAttack })
                results.Add(activation, column, RobustFirst(0));
        }

        ClaimChecks.HasMaskingIndicators(results).Should().BeFalse("no model has PGD with ε = 1");
    }

    [Test]
    public void A_check_s_tests_are_corrected_with_the_other_tests_of_its_claim_at_their_own_p()
    {
        // k-WTA 0.2: 7 PGD-only images, p = ½⁷ = 0.0078; k-WTA 0.1: 10, p = ½¹⁰. Holm: ½¹⁰ × 2 = 0.002, then 0.0078 × 1:
        // k-WTA 0.2 holds at 0.0078, which it would not at 2 × 0.0078.
        var results = Results(0, 10);
        results.Add(ModelFamily.KwtaGamma02, ResultColumn.Pgd, RobustFirst(7));
        foreach (var activation in ModelFamily.Activations)
            foreach (var column in new[] { ResultColumn.DeepFool, ResultColumn.Vga, ResultColumn.PgdSeedFoolbox, ResultColumn.Transfer, ResultColumn.Bpda, ResultColumn.FiniteDifference })
                results.Add(activation, column, RobustFirst(0));
        results.ManifestCleanAccuracy[ActivationSpec.Relu] = results.ManifestCleanAccuracy[ModelFamily.KwtaGamma01] = results.ManifestCleanAccuracy[ModelFamily.KwtaGamma02] = 0.9;
        foreach (var activation in ModelFamily.Activations) results.Add(activation, ResultColumn.Clean, RobustFirst(Images));

        var check = ClaimChecks.All(results).Single(c => c.Claim == ClaimsCatalogue.PgdRobustness && c.Subject.Activation == ModelFamily.KwtaGamma02);

        check.Outcome.Should().Be(ClaimOutcome.Holds);
        check.Tests.Single().AdjustedP.Should().BeApproximately(1 / 128.0, 1e-15);
    }

    [Test]
    public void An_image_that_finite_differences_did_not_attack_counts_as_surviving_them()
    {
        // Transfer and BPDA leave every image robust; finite differences ran on the first 5 only and broke them all.
        var results = Results(0, 50, adaptive: Images);
        results.Add(ModelFamily.KwtaGamma02, ResultColumn.FiniteDifference, [.. RobustFirst(0).Take(5)]);

        ClaimChecks.GradientMasking(results, ModelFamily.KwtaGamma02).Tests.Single().Test.Outcomes.SecondRobust.Should().Be(Images - 5);
    }
}
