using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Claims;
using Kwta.Model.Families;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>
/// Each claim check states its verdict, how many images flip it and the numbers that decide it, as the report prints
/// them (<see cref="ClaimCheck.ToString"/>), on 20 synthetic images whose p-values have closed forms: 9 k-WTA 0.1-only
/// robust images give p = ½⁹, 3 give ½³.
/// </summary>
public class ClaimEvidenceTests
{
    static bool[] First(int count, int of = 20) => [.. Enumerable.Range(0, of).Select(i => i < count)];

    /// <summary>ResNet18: ReLU 92.87%, k-WTA 0.1 85.71%, k-WTA 0.2 91.50% on the full test set and 19, 17, 17 of 20
    /// fixture images; PGD leaves 0, 9 and 3 images robust, the seed-foolbox PGD 12 on k-WTA 0.1; transfer and BPDA
    /// leave 2, finite differences (run on 5 images) 1.</summary>
    static FamilyResults Results()
    {
        var results = new FamilyResults(ModelFamily.ResNet18, ReproductionSettings.Default);
        results.ManifestCleanAccuracy[ActivationSpec.Relu] = 0.9287;
        results.ManifestCleanAccuracy[ModelFamily.KwtaGamma01] = 0.8571;
        results.ManifestCleanAccuracy[ModelFamily.KwtaGamma02] = 0.9150;
        foreach (var activation in ModelFamily.Activations) results.Add(activation, ResultColumn.Clean, First(activation == ActivationSpec.Relu ? 19 : 17));
        results.Add(ActivationSpec.Relu, ResultColumn.Pgd, First(0));
        results.Add(ModelFamily.KwtaGamma01, ResultColumn.Pgd, First(9));
        results.Add(ModelFamily.KwtaGamma02, ResultColumn.Pgd, First(3));
        results.Add(ModelFamily.KwtaGamma01, ResultColumn.PgdSeedFoolbox, First(12));
        results.Add(ModelFamily.KwtaGamma01, ResultColumn.Transfer, First(2));
        results.Add(ModelFamily.KwtaGamma01, ResultColumn.Bpda, First(2));
        results.Add(ModelFamily.KwtaGamma01, ResultColumn.FiniteDifference, First(1, of: 5));
        results.EpochOneTestAccuracy = (0.9895, 0.8529);
        return results;
    }

    [Test]
    public void The_clean_accuracy_gap_is_flipped_by_the_images_between_it_and_its_tolerance()
    {
        // 7.16 pp of 10 000 images is 716, the 8 pp allowed 800: 85 more would cross it.
        ClaimChecks.CleanAccuracy(Results(), ModelFamily.KwtaGamma01).ToString().Should().Be(
            "C1 resnet18-w16 k-WTA 0.1: holds; flips with 85 images. ReLU 92.87% vs k-WTA 0.1 85.71% on the full test set: gap 7.16 pp, allowed 8 pp (fixture: 95.0% vs 85.0%).");
        ClaimChecks.CleanAccuracy(Results(), ModelFamily.KwtaGamma02).ToString().Should().Be(
            "C1 resnet18-w16 k-WTA 0.2: holds; flips with 164 images. ReLU 92.87% vs k-WTA 0.2 91.50% on the full test set: gap 1.37 pp, allowed 3 pp (fixture: 95.0% vs 85.0%).");
    }

    [Test]
    public void A_clean_accuracy_gap_exactly_at_its_tolerance_holds()
    {
        var results = Results();
        (results.ManifestCleanAccuracy[ActivationSpec.Relu], results.ManifestCleanAccuracy[ModelFamily.KwtaGamma02]) = (0.5, 0.47);

        ClaimChecks.CleanAccuracy(results, ModelFamily.KwtaGamma02).Outcome.Should().Be(ClaimOutcome.Holds, "a gap of 3.00 pp is within the 3 pp allowed");
    }

    [Test]
    public void A_significant_paired_test_shows_both_sides_the_difference_and_its_p_and_one_image_flips_it()
    {
        // p(9, 0) = 1/512; one ReLU-only image more gives p(9, 1) = 11/1024 = 0.0107.
        ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.PgdRobustness, Results(), ModelFamily.KwtaGamma01, ResultColumn.Pgd).ToString().Should().Be(
            "C2 resnet18-w16 k-WTA 0.1 PGD: holds; flips with 1 images. k-WTA 0.1 PGD vs ReLU PGD: 45.0% vs 0.0% on 20 images, +45.0 pp (95% CI 19.9 to 65.8); one-sided McNemar p = 0.00195, Holm 0.00195.");
    }

    [Test]
    public void An_untestable_paired_test_says_how_few_images_could_favour_the_first_side_and_how_many_more_would_make_it_testable()
    {
        ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.PgdRobustness, Results(), ModelFamily.KwtaGamma02, ResultColumn.Pgd).ToString().Should().Be(
            "C2 resnet18-w16 k-WTA 0.2 PGD: not testable; flips with 4 images. k-WTA 0.2 PGD vs ReLU PGD: 15.0% vs 0.0% on 20 images, +15.0 pp (95% CI -3.8 to 36.0); one-sided McNemar p = 0.125; not testable: at most 3 images could favour the first side (3 robust there, 20 broken on the second), fewer than the 7 the exact test needs for p < 0.01.");
        ClaimChecks.Sparsity(Results()).ToString().Should().Be(
            "C4 resnet18-w16 k-WTA 0.1 vs 0.2 PGD: not testable; flips with 4 images. k-WTA 0.2 PGD vs k-WTA 0.1 PGD: 15.0% vs 45.0% on 20 images, -30.0 pp (95% CI -49.9 to -6.6); one-sided McNemar p = 1; not testable: at most 3 images could favour the first side (3 robust there, 11 broken on the second), fewer than the 7 the exact test needs for p < 0.01.");
        new PairedTest("one", new Model.Evaluation.PairedOutcomes(Both: 0, OnlyFirst: 1, OnlySecond: 0, Neither: 1)).WhyNotTestable.Should().StartWith(
            "at most 1 image could favour the first side (1 robust there, 2 broken on the second)");
    }

    [Test]
    public void A_non_significant_test_of_a_claim_does_not_hold_and_names_the_images_that_would_make_it_significant()
    {
        // 3 seed-foolbox-only images: p = 1/8; four of the 17 concordant ones turning seed-foolbox-only give ½⁷ = 0.0078.
        ClaimChecks.SeedPgdInflated(Results(), ModelFamily.KwtaGamma01).ToString().Should().Be(
            "C8 resnet18-w16 k-WTA 0.1: does not hold; flips with 4 images. k-WTA 0.1 PGD (seed-foolbox) vs k-WTA 0.1 PGD: 60.0% vs 45.0% on 20 images, +15.0 pp (95% CI -3.0 to 30.9); one-sided McNemar p = 0.125, Holm 0.125.");
    }

    [Test]
    public void Gradient_masking_counts_an_image_robust_only_if_it_survives_every_adaptive_attack_run_on_it()
    {
        // Image 0 survives all three; image 1 falls to finite differences; images 2-8 to transfer and BPDA, and finite
        // differences did not run on images 5-19. 9 vs 1 robust: 1 ≤ ⌊9/2⌋ and p(8, 0) = 1/256; p(8, 1) = 9/512 = 0.018.
        ClaimChecks.GradientMasking(Results(), ModelFamily.KwtaGamma01).ToString().Should().Be(
            "C7 resnet18-w16 k-WTA 0.1: refutation confirmed; flips with 1 images. PGD vs worst case over adaptive attacks: 45.0% vs 5.0% on 20 images, +40.0 pp (95% CI 13.6 to 61.1); one-sided McNemar p = 0.00391, Holm 0.00391 (Transfer 10.0% of 20, BPDA 10.0% of 20, Finite-diff 20.0% of 5); criterion: best adaptive robust accuracy ≤ 50 % of PGD's, and PGD-robust > adaptive-robust with McNemar p < 0.01.");
    }

    [Test]
    public void The_training_logs_check_is_flipped_by_the_images_between_the_two_accuracies()
    {
        // 98.95% vs 85.29% of 10 000 images: 1366 images apart, so 1366 would make them equal and not higher.
        ClaimChecks.ReluInitialisationLogs(Results()).ToString().Should().Be(
            "C6 resnet18-w16 training logs, k-WTA 0.2 epoch 1: holds; flips with 1366 images. epoch-1 test accuracy (full test set) from ReLU weights 98.95% vs from random init 85.29%.");
        var noLogs = new FamilyResults(ModelFamily.AlexNet, ReproductionSettings.Default);
        FluentActions.Invoking(() => ClaimChecks.ReluInitialisationLogs(noLogs)).Should().Throw<InvalidOperationException>()
            .WithMessage("alexnet-cifar: no training logs were read.");
    }

    [Test]
    public void The_training_experiment_is_a_paired_test_of_the_held_out_images()
    {
        // 10 images right only from ReLU weights: p = 1/1024; p(10, 1) = 11/2048 still holds, p(10, 2) = 79/4096 does not.
        ClaimChecks.ReluInitialisationTraining(new FineTuneOutcomes(ModelFamily.Mnist, First(15), First(5), 800)).ToString().Should().Be(
            "C6 mnist-cnn one epoch on 800 images, k-WTA 0.2: holds; flips with 2 images. held-out accuracy from ReLU weights vs random init: 75.0% vs 25.0% on 20 images, +50.0 pp (95% CI 22.3 to 67.5); one-sided McNemar p = 0.000977, Holm 0.000977.");
    }

    [Test]
    public void The_overhead_check_reports_both_kernels_ratios_to_ReLU_per_workload_beside_the_reproduction_s()
    {
        var settings = new BenchmarkSettings();
        Timing TimingOf(BenchmarkVariant v) => new([v.IsBaseline ? 10.0 : v.Kernel == KwtaKernel.Reference ? 25 : 12.5]);
        var rows = new[] { KwtaBenchmark.TrainStep, KwtaBenchmark.Inference }
            .Select(w => new BenchmarkRow(w, "batch", [.. BenchmarkVariant.All(settings.Sparsity).Select(v => (v, TimingOf(v)))])).ToList();

        ClaimChecks.Overhead(new BenchmarkReport(settings, rows, "test")).ToString().Should().Be(
            "C5 resnet18-w16 batch 128: holds; flips with – images. train step (forward + backward + SGD): Reference (topk) 2.50×, Fast 1.25× ReLU's 10.0 ms; inference (eval, no_grad): Reference (topk) 2.50×, Fast 1.25× ReLU's 10.0 ms (reproduction: 1.93× training, 4.2× test).");
    }

    /// <summary>MNIST: PGD, transfer, the stronger PGD and AutoAttack leave the first <paramref name="pgd"/> of 20 images
    /// robust, Square the first <paramref name="square"/>; PGD with ε = 1 leaves <paramref name="unbounded"/> of 10, and
    /// <paramref name="silent"/> of 200 input gradients are silent.</summary>
    static FamilyResults Masking(int pgd, int square, int unbounded, int silent)
    {
        var results = new FamilyResults(ModelFamily.Mnist, ReproductionSettings.Default);
        foreach (var activation in ModelFamily.Activations)
        {
            foreach (var column in new[] { ResultColumn.Pgd, ResultColumn.Transfer, ResultColumn.PgdStrong, ResultColumn.AutoAttack })
                if (column != ResultColumn.Transfer || activation != ActivationSpec.Relu) results.Add(activation, column, First(pgd));
            results.Add(activation, ResultColumn.Square, First(square));
            results.Add(activation, ResultColumn.PgdUnbounded, First(unbounded, of: 10));
            results.SilentGradients[activation] = First(silent, of: 200);
        }
        return results;
    }

    const string MaskingCriterion = "criterion: no indicator fires: Square or transfer beats PGD, more steps and restarts break more, AutoAttack beats PGD (each one-sided McNemar p < 0.01); PGD with ε = 1 leaves an image robust; more than 1 % of the input gradients are silent (all zero or not finite).";

    [Test]
    public void PGD_is_reliable_when_every_indicator_is_quiet_and_the_nearest_threshold_is_one_image_away()
    {
        // 2 of 200 silent gradients is the 1% allowed: one more fires; so does one image robust to PGD with ε = 1.
        ClaimChecks.PgdReliable(Masking(pgd: 10, square: 10, unbounded: 0, silent: 2), ModelFamily.KwtaGamma01).ToString().Should().Be(
            "C9 mnist-cnn k-WTA 0.1: holds; flips with 1 images. PGD 50.0% on 20 images; Square beats PGD: quiet (50.0% vs 50.0% on 20 images, 0.0 pp (95% CI -9.0 to 9.0); one-sided McNemar p = 1, Holm 1); Transfer beats PGD: quiet (50.0% vs 50.0% on 20 images, 0.0 pp (95% CI -9.0 to 9.0); one-sided McNemar p = 1, Holm 1); PGD, then strong PGD beats PGD: quiet (50.0% vs 50.0% on 20 images, 0.0 pp (95% CI -9.0 to 9.0); one-sided McNemar p = 1, Holm 1); AutoAttack beats PGD: quiet (50.0% vs 50.0% on 20 images, 0.0 pp (95% CI -9.0 to 9.0); one-sided McNemar p = 1, Holm 1); PGD ε = 1 leaves images robust: quiet (0 of 10); silent input gradients: quiet (1.0% of 200); " + MaskingCriterion);
    }

    [Test]
    public void The_indicators_that_fire_decide_and_each_adds_its_images_to_the_flip_distance()
    {
        // Square breaks 8 of PGD's 10 robust images: p = 1/256, Holm ×4 = 0.0156, quiet; ε = 1 leaves one image and
        // 3 of 200 gradients are silent: both fire, one image each would quiet them.
        ClaimChecks.PgdReliable(Masking(pgd: 10, square: 2, unbounded: 1, silent: 3), ModelFamily.KwtaGamma01).ToString().Should().Be(
            "C9 mnist-cnn k-WTA 0.1: does not hold; flips with 2 images. PGD 50.0% on 20 images; Square beats PGD: quiet (50.0% vs 10.0% on 20 images, +40.0 pp (95% CI 14.1 to 60.2); one-sided McNemar p = 0.00391, Holm 0.0156); Transfer beats PGD: quiet (50.0% vs 50.0% on 20 images, 0.0 pp (95% CI -9.0 to 9.0); one-sided McNemar p = 1, Holm 1); PGD, then strong PGD beats PGD: quiet (50.0% vs 50.0% on 20 images, 0.0 pp (95% CI -9.0 to 9.0); one-sided McNemar p = 1, Holm 1); AutoAttack beats PGD: quiet (50.0% vs 50.0% on 20 images, 0.0 pp (95% CI -9.0 to 9.0); one-sided McNemar p = 1, Holm 1); PGD ε = 1 leaves images robust: fires (1 of 10); silent input gradients: fires (1.5% of 200); " + MaskingCriterion);
    }

    [Test]
    public void Quiet_indicators_of_which_one_could_not_have_fired_leave_PGD_untested_and_ReLU_has_no_transfer_indicator()
    {
        // 5 PGD-robust images: no paired indicator can reach 7, each is 2 images short.
        ClaimChecks.PgdReliable(Masking(pgd: 5, square: 5, unbounded: 0, silent: 0), ActivationSpec.Relu).ToString().Should().Be(
            "C9 mnist-cnn ReLU: not testable; flips with 6 images. PGD 25.0% on 20 images; Square beats PGD: quiet (25.0% vs 25.0% on 20 images, 0.0 pp (95% CI -12.1 to 12.1); one-sided McNemar p = 1; not testable: at most 5 images could favour the first side (5 robust there, 15 broken on the second), fewer than the 7 the exact test needs for p < 0.01); PGD, then strong PGD beats PGD: quiet (25.0% vs 25.0% on 20 images, 0.0 pp (95% CI -12.1 to 12.1); one-sided McNemar p = 1; not testable: at most 5 images could favour the first side (5 robust there, 15 broken on the second), fewer than the 7 the exact test needs for p < 0.01); AutoAttack beats PGD: quiet (25.0% vs 25.0% on 20 images, 0.0 pp (95% CI -12.1 to 12.1); one-sided McNemar p = 1; not testable: at most 5 images could favour the first side (5 robust there, 15 broken on the second), fewer than the 7 the exact test needs for p < 0.01); PGD ε = 1 leaves images robust: quiet (0 of 10); silent input gradients: quiet (0.0% of 200); " + MaskingCriterion);
    }

    /// <summary><see cref="Results"/> with DeepFool and VGA leaving 9 images robust on both k-WTA models and none on ReLU,
    /// the seed-foolbox PGD 12 on k-WTA 0.2 too, and its adaptive attacks as k-WTA 0.1's.</summary>
    static FamilyResults EveryColumn()
    {
        var results = Results();
        foreach (var activation in ModelFamily.Activations)
            foreach (var column in new[] { ResultColumn.DeepFool, ResultColumn.Vga })
                results.Add(activation, column, First(activation == ActivationSpec.Relu ? 0 : 9));
        results.Add(ModelFamily.KwtaGamma02, ResultColumn.PgdSeedFoolbox, First(12));
        foreach (var column in new[] { ResultColumn.Transfer, ResultColumn.Bpda, ResultColumn.FiniteDifference })
            results.Add(ModelFamily.KwtaGamma02, column, results.Outcomes(ModelFamily.KwtaGamma01, column));
        return results;
    }

    [Test]
    public void A_family_s_checks_come_in_catalogue_order_and_each_claim_s_testable_tests_are_corrected_together()
    {
        var checks = ClaimChecks.All(EveryColumn());

        checks.Select(c => $"{c.Claim.Id} {c.Subject}").Should().Equal(
            "C1 k-WTA 0.2", "C1 k-WTA 0.1", "C2 k-WTA 0.2 PGD", "C2 k-WTA 0.1 PGD", "C3 k-WTA 0.2 DeepFool", "C3 k-WTA 0.1 DeepFool",
            "C3 k-WTA 0.2 VGA", "C3 k-WTA 0.1 VGA", "C4 k-WTA 0.1 vs 0.2 PGD", "C6 training logs, k-WTA 0.2 epoch 1",
            "C7 k-WTA 0.2", "C7 k-WTA 0.1", "C8 k-WTA 0.2", "C8 k-WTA 0.1");
        // C3's four tests each have p = ½⁹: Holm multiplies the smallest by 4 and keeps the rest at least as large.
        checks.Where(c => c.Claim == ClaimsCatalogue.OtherAttacks).SelectMany(c => c.Tests).Select(t => t.AdjustedP)
            .Should().Equal(Enumerable.Repeat(4 / 512.0, 4), (a, b) => Math.Abs(a - b) < 1e-15);
        // C2's k-WTA 0.2 test is not testable (3 images), so k-WTA 0.1's is corrected alone.
        checks.Single(c => c.Claim == ClaimsCatalogue.PgdRobustness && c.Subject.Activation == ModelFamily.KwtaGamma01).Tests.Single().AdjustedP
            .Should().Be(1 / 512.0);
        checks.Single(c => c.Claim == ClaimsCatalogue.PgdRobustness && c.Subject.Activation == ModelFamily.KwtaGamma02).Tests.Single().AdjustedP
            .Should().BeApproximately(1 / 8.0, 1e-15, "an untestable test keeps its raw p");
    }

    [Test]
    public void A_run_s_checks_correct_each_claim_across_families_and_end_with_C6_s_training_and_C5()
    {
        var training = ClaimChecks.ReluInitialisationTraining(new FineTuneOutcomes(ModelFamily.Mnist, First(15), First(5), 800));
        var settings = new BenchmarkSettings();
        var rows = new[] { KwtaBenchmark.TrainStep, KwtaBenchmark.Inference }
            .Select(w => new BenchmarkRow(w, "batch", [.. BenchmarkVariant.All(settings.Sparsity).Select(v => (v, new Timing([10.0])))])).ToList();

        var checks = ClaimChecks.All([EveryColumn(), EveryColumn()], training, new BenchmarkReport(settings, rows, "test"));

        checks.Should().HaveCount(2 * 14 + 2);
        (checks[^2], checks[^1].Claim).Should().Be((training, ClaimsCatalogue.Overhead));
        checks.Where(c => c.Claim == ClaimsCatalogue.OtherAttacks).SelectMany(c => c.Tests).Select(t => t.AdjustedP)
            .Should().Equal(Enumerable.Repeat(8 / 512.0, 8), (a, b) => Math.Abs(a - b) < 1e-15, "eight tests of C3 across the two families");
        ClaimChecks.All([], null, null).Should().BeEmpty();
    }
}
