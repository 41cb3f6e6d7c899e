using Kwta.Model.Evaluation;
using Kwta.Model.Ledger;
using Kwta.Model.Runtime;

namespace Kwta.Reproduction.Tests.Components.Ledger;

public class LedgerVerificationTests
{
    /// <summary>An outcome on the decision boundary, whose margin rounding could flip.</summary>
    static AttackOutcome Outcome(int index, int clean, int adversarial, int? target = null) =>
        new(index, 1, target, clean, adversarial, 0.03, CrossMachineTolerance.RoundingMargin / 2);

    /// <summary>Compares as on another CPU, every sample drawn at random.</summary>
    static CellAgreement AcrossCpus(IReadOnlyList<AttackOutcome> ledger, IReadOnlyList<AttackOutcome> recomputed, string cell = "c") =>
        LedgerVerification.Compare(cell, ledger, recomputed, [.. recomputed.Select(o => o.Index).Distinct().Select(i => new SampledImage(i, Stratum.Random))],
                                   VerificationRule.AcrossCpus);

    static readonly string HalfMargin = (CrossMachineTolerance.RoundingMargin / 2).ToString("G3", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void The_sample_is_the_same_distinct_images_on_every_run_and_a_different_seed_draws_others()
    {
        int[] cell = [.. Enumerable.Range(0, 1000)];

        var sample = LedgerVerification.Sample(cell, 20, seed: 7);

        sample.Should().HaveCount(20).And.OnlyHaveUniqueItems().And.BeInAscendingOrder().And.OnlyContain(i => i >= 0 && i < 1000);
        LedgerVerification.Sample(cell, 20, seed: 7).Should().Equal(sample);
        LedgerVerification.Sample(cell, 20, seed: 8).Should().NotEqual(sample);
        LedgerVerification.Sample(cell, 2000, seed: 7).Should().Equal(cell);
    }

    [Test]
    public void A_recomputation_that_flips_more_outcomes_than_another_CPU_may_is_a_disagreement_naming_the_images()
    {
        var ledger = Enumerable.Range(0, 20).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        int allowed = CrossMachineTolerance.AllowedFlips(20);
        var withinTolerance = ledger.Select(o => o.Index < allowed ? o with { AdversarialPrediction = 2 } : o).ToList();
        var beyond = ledger.Select(o => o.Index <= allowed ? o with { AdversarialPrediction = 2 } : o).ToList();

        AcrossCpus(ledger, withinTolerance).Agrees.Should().BeTrue();
        var disagreement = AcrossCpus(ledger, beyond);

        disagreement.Agrees.Should().BeFalse();
        disagreement.Flips.Should().HaveCount(allowed + 1);
        disagreement.ToString().Should().Contain($"image 0: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin})");
    }

    [Test]
    public void Two_changed_clean_predictions_in_a_cell_are_a_disagreement_and_one_is_not()
    {
        var ledger = Enumerable.Range(0, 10).Select(i => Outcome(i, clean: 1, adversarial: 0)).ToList();

        AcrossCpus(ledger, [ledger[0] with { CleanPrediction = 3 }, .. ledger[1..]]).Agrees.Should().BeTrue();
        var two = AcrossCpus(ledger, [ledger[0] with { CleanPrediction = 3 }, ledger[1] with { CleanPrediction = 3 }, .. ledger[2..]]);

        two.Agrees.Should().BeFalse();
        two.CleanDifferences.Should().Equal(0, 1);
    }

    [Test]
    public void A_targeted_sample_is_matched_to_its_own_target_row()
    {
        var ledger = new[] { Outcome(4, 1, 1, target: 2), Outcome(4, 1, 3, target: 3) };

        var agreement = AcrossCpus(ledger, [Outcome(4, 1, 2, target: 2), Outcome(4, 1, 3, target: 3)]);

        agreement.Flips.Select(f => f.ToString()).Should().Equal($"image 4→2: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin})");
    }

    /// <summary>A targeted run is broken either way when it reaches its target or another wrong class; which one it reached
    /// is its outcome too (the VGA columns count reached targets), so a change of it is a flip.</summary>
    [Test]
    public void A_targeted_sample_that_now_reaches_another_wrong_class_than_its_target_is_a_flip()
    {
        var ledger = new[] { Outcome(4, 1, 2, target: 2) };

        var agreement = AcrossCpus(ledger, [Outcome(4, 1, 3, target: 2)]);

        agreement.Flips.Select(f => f.ToString()).Should().Equal($"image 4→2: ledger broken (prediction 2, margin {HalfMargin}), now broken (prediction 3, margin {HalfMargin})");
    }

    [Test]
    public void A_single_flip_with_a_confident_margin_is_a_disagreement_whatever_the_allowance()
    {
        var ledger = Enumerable.Range(0, 20).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        double beyond = CrossMachineTolerance.RoundingMargin * 1.5;
        var recordedConfident = ledger.Select(o => o.Index == 3 ? o with { Margin = beyond } : o).ToList();

        var nearBoundary = AcrossCpus(ledger, [.. ledger.Select(o => o.Index == 3 ? o with { AdversarialPrediction = 2, Margin = -o.Margin } : o)]);
        var fromConfidentRow = AcrossCpus(recordedConfident, [.. ledger.Select(o => o.Index == 3 ? o with { AdversarialPrediction = 2, Margin = -o.Margin } : o)]);
        var toConfidentOutcome = AcrossCpus(ledger, [.. ledger.Select(o => o.Index == 3 ? o with { AdversarialPrediction = 2, Margin = -beyond } : o)]);

        nearBoundary.Agrees.Should().BeTrue(nearBoundary.ToString());
        fromConfidentRow.Agrees.Should().BeFalse("the ledger's row sat far from the boundary: rounding cannot flip it");
        toConfidentOutcome.Agrees.Should().BeFalse("the recomputed outcome is far past the boundary");
        toConfidentOutcome.ConfidentFlips.Should().ContainSingle().Which.Recorded.Index.Should().Be(3);
        toConfidentOutcome.ToString().Should().Contain("image 3: ledger robust").And.Contain("(confident: a margin beyond rounding's reach)");
    }

    [Test]
    public void The_sample_holds_the_survivors_and_the_broken_images_nearest_the_boundary_and_a_seeded_random_draw()
    {
        // Images 0-9 survive with margins 10, 9, …, 1; images 10-19 are broken with margins -1, -2, …, -10; 20-29 are clean mistakes.
        var rows = Enumerable.Range(0, 30).Select(i => i < 10 ? new AttackOutcome(i, 1, null, 1, 1, 0.03, 10 - i)
                                                      : i < 20 ? new AttackOutcome(i, 1, null, 1, 2, 0.03, 9 - i)
                                                      : new AttackOutcome(i, 1, null, 2, 2, 0, -5)).ToList();
        var strata = new VerificationStrata(NearestSurvivors: 2, NearestBroken: 3, Random: 4);

        var sample = strata.Choose(rows, [.. Enumerable.Range(0, 30)], seed: 7);

        sample.Where(s => s.Stratum == Stratum.NearestSurvivor).Select(s => s.Index).Should().Equal(8, 9);
        sample.Where(s => s.Stratum == Stratum.NearestBroken).Select(s => s.Index).Should().Equal(10, 11, 12);
        var random = sample.Where(s => s.Stratum == Stratum.Random).Select(s => s.Index).ToList();
        random.Should().HaveCount(4).And.NotIntersectWith([8, 9, 10, 11, 12]);
        sample.Select(s => s.Index).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        strata.Choose(rows, [.. Enumerable.Range(0, 30)], seed: 7).Should().Equal(sample);
        strata.Choose(rows, [.. Enumerable.Range(0, 30)], seed: 8).Where(s => s.Stratum == Stratum.Random).Select(s => s.Index).Should().NotEqual(random);
        strata.Choose(rows, [.. Enumerable.Range(0, 15)], seed: 7).Select(s => s.Index).Should().OnlyContain(i => i < 15, "only eligible images are drawn");
    }

    [Test]
    public void Where_survivors_are_costly_the_random_draw_holds_no_survivor_and_a_targeted_image_survives_only_every_target()
    {
        // Image 0 survives both targets; image 1 reaches target 3 (margin -0.5) but not 2; image 2 survives with margin 0.1.
        var rows = new[]
        {
            new AttackOutcome(0, 1, 2, 1, 1, 0.03, 5), new AttackOutcome(0, 1, 3, 1, 1, 0.03, 4),
            new AttackOutcome(1, 1, 2, 1, 1, 0.03, 2), new AttackOutcome(1, 1, 3, 1, 3, 0.03, -0.5),
            new AttackOutcome(2, 1, 2, 1, 1, 0.03, 0.1), new AttackOutcome(2, 1, 3, 1, 1, 0.03, 0.2),
        };

        new VerificationStrata(1, 1, 0).Choose(rows, [0, 1, 2], seed: 1)
            .Should().Equal(new SampledImage(1, Stratum.NearestBroken), new SampledImage(2, Stratum.NearestSurvivor));
        new VerificationStrata(0, 0, 3, RandomAmongSurvivors: false).Choose(rows, [0, 1, 2], seed: 1)
            .Should().Equal(new SampledImage(1, Stratum.Random));
    }

    [Test]
    public void On_the_CPU_a_cell_was_built_on_a_margin_changed_beyond_the_last_digits_is_a_disagreement_and_on_another_CPU_it_is_not()
    {
        var ledger = Enumerable.Range(0, 10).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        double margin = ledger[0].Margin;
        List<AttackOutcome> Nudged(double relative) => [.. ledger.Select(o => o.Index == 4 ? o with { Margin = margin * (1 + relative) } : o)];
        var sample = ledger.Select(o => new SampledImage(o.Index, Stratum.Random)).ToList();

        var rounding = LedgerVerification.Compare("c", ledger, Nudged(SameCpuTolerance.RelativeMargin / 2), sample, VerificationRule.SameCpu);
        var changed = LedgerVerification.Compare("c", ledger, Nudged(SameCpuTolerance.RelativeMargin * 2), sample, VerificationRule.SameCpu);

        rounding.Agrees.Should().BeTrue(rounding.ToString());
        rounding.LargestRoundingDifference.Should().BeApproximately(SameCpuTolerance.RelativeMargin / 2 / (1 + SameCpuTolerance.RelativeMargin / 2), 1e-12, "relative to the larger margin");
        changed.Agrees.Should().BeFalse();
        changed.Differences.Should().ContainSingle().Which.Recorded.Index.Should().Be(4);
        changed.ToString().Should().Contain("on the CPU the cell was built on").And.Contain("predictions or margins on 1 (image 4: ledger robust (prediction 1, margin 4), now robust (prediction 1, margin 4.0008))");
        LedgerVerification.Compare("c", ledger, Nudged(SameCpuTolerance.RelativeMargin * 2), sample, VerificationRule.AcrossCpus).Agrees.Should().BeTrue();
    }

    [Test]
    public void Across_CPUs_the_images_nearest_the_boundary_may_flip_at_their_own_measured_rate_and_no_more()
    {
        var ledger = Enumerable.Range(0, 40).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        var sample = ledger.Select(o => new SampledImage(o.Index, o.Index < 30 ? Stratum.NearestBroken : Stratum.Random)).ToList();
        int allowed = CrossMachineTolerance.AllowedFlips(30, CrossMachineTolerance.BoundaryFlipRate);
        List<AttackOutcome> Flipping(int count) => [.. ledger.Select(o => o.Index < count ? o with { AdversarialPrediction = 2, Margin = -o.Margin } : o)];

        var within = LedgerVerification.Compare("c", ledger, Flipping(allowed), sample, VerificationRule.AcrossCpus);
        var beyond = LedgerVerification.Compare("c", ledger, Flipping(allowed + 1), sample, VerificationRule.AcrossCpus);

        allowed.Should().BeGreaterThan(CrossMachineTolerance.AllowedFlips(30), "rounding flips more outcomes near the boundary than at random");
        within.Agrees.Should().BeTrue(within.ToString());
        beyond.Agrees.Should().BeFalse(beyond.ToString());
        beyond.ToString().Should().Contain($"(allowed {allowed} near the boundary and {CrossMachineTolerance.AllowedFlips(10)} at random");
    }

    [Test]
    public void A_ledger_is_re_verified_to_the_last_digits_only_on_the_CPU_it_was_built_on_with_the_kernels_pinned()
    {
        VerificationRules.For(PinnedNumerics.Machine()).Should().Be(VerificationRule.SameCpu);
        VerificationRules.For($"{PinnedNumerics.Cpu()}; other settings, 1 threads").Should().Be(VerificationRule.SameCpu, "the thread count is not the CPU");
        VerificationRules.For("Another CPU (AVX-512); " + PinnedNumerics.Describe()).Should().Be(VerificationRule.AcrossCpus);
    }

    [Test]
    public void A_samples_power_is_the_closed_form_for_its_strata()
    {
        var strata = new VerificationStrata(NearestSurvivors: 6, NearestBroken: 6, Random: 8);

        strata.MarginChangeDetected.Should().BeApproximately(1 - Math.Pow(0.05, 1.0 / 8), 1e-12, "P(none of 8 random images touched) = (1 − q)⁸ = 0.05");
        int allowed = CrossMachineTolerance.AllowedFlips(8);
        double rate = strata.FlipRateDetected!.Value;
        Statistics.BinomialUpperTail(8, rate, allowed).Should().BeGreaterThanOrEqualTo(0.95);
        Statistics.BinomialUpperTail(8, rate - 0.01, allowed).Should().BeLessThan(0.95);
        strata.BoundaryFlipsDetected.Should().Be(CrossMachineTolerance.AllowedFlips(12, CrossMachineTolerance.BoundaryFlipRate) + 1);
        new VerificationStrata(1, 1, 2).BoundaryFlipsDetected.Should().BeNull("rounding may flip both images nearest the boundary");
        new VerificationStrata(1, 1, 2).FlipRateDetected.Should().BeNull("rounding may flip both random images");
        new VerificationStrata(1, 1, 0).MarginChangeDetected.Should().BeNull();
    }

    [Test]
    public void Another_CPU_may_flip_the_fewest_outcomes_whose_excess_has_a_chance_of_at_most_1_in_10000()
    {
        // X ~ Binomial(20, 0.02): P(X > 3) = 6.4e-4 is too likely to be a real change, P(X > 4) = 7.9e-5 is not.
        Statistics.BinomialUpperTail(20, CrossMachineTolerance.FlipRate, 3).Should().BeGreaterThan(CrossMachineTolerance.FalseAlarm);
        Statistics.BinomialUpperTail(20, CrossMachineTolerance.FlipRate, 4).Should().BeLessThanOrEqualTo(CrossMachineTolerance.FalseAlarm);
        CrossMachineTolerance.AllowedFlips(20).Should().Be(4);
        CrossMachineTolerance.AllowedFlips(0).Should().Be(0, "no sample, no flip");
    }

    [Test]
    public void An_agreement_reports_the_differing_clean_predictions_as_ranges_and_each_flip()
    {
        var ledger = Enumerable.Range(0, 5).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        var recomputed = ledger.Select(o => o.Index switch
        {
            3 or 4 => o with { CleanPrediction = 0 },
            1 => o with { AdversarialPrediction = 2 },
            _ => o,
        }).ToList();

        var agreement = AcrossCpus(ledger, recomputed, "fixtures/m/pgd");

        agreement.Agrees.Should().BeFalse("two clean predictions differ");
        agreement.ToString().Should().Be(
            $"fixtures/m/pgd: 5 samples recomputed (0 survivors and 0 broken nearest the boundary, 5 at random), compared as across CPUs: " +
            $"clean predictions differ on 2 image(s) (3-4) (allowed 1); outcomes flipped on 3 " +
            $"(image 1: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin}), " +
            $"image 3: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 1, margin {HalfMargin}), " +
            $"image 4: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 1, margin {HalfMargin})) " +
            $"(allowed 0 near the boundary and {CrossMachineTolerance.AllowedFlips(5)} at random, each with both margins within ±8)");
        AcrossCpus(ledger, ledger).ToString().Should().Be(
            $"c: 5 samples recomputed (0 survivors and 0 broken nearest the boundary, 5 at random), compared as across CPUs: clean predictions differ on 0 image(s) " +
            $"(allowed 1); outcomes flipped on 0 (allowed 0 near the boundary and {CrossMachineTolerance.AllowedFlips(5)} at random, each with both margins within ±8)");
    }

    [Test]
    public void A_targeted_sample_that_reaches_its_target_only_now_is_a_flip_though_it_was_broken_before()
    {
        var ledger = new[] { Outcome(4, 1, 3, target: 2) };

        var agreement = AcrossCpus(ledger, [Outcome(4, 1, 2, target: 2)]);

        agreement.Flips.Should().ContainSingle().Which.ToString().Should().Be(
            $"image 4→2: ledger broken (prediction 3, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin})");
    }

    [Test]
    public void A_recomputed_sample_without_its_ledger_row_or_with_another_label_is_other_data()
    {
        var ledger = new[] { Outcome(4, 1, 1), Outcome(5, 1, 1, target: 2) };

        FluentActions.Invoking(() => AcrossCpus(ledger, [Outcome(6, 1, 1)])).Should().Throw<InvalidDataException>()
            .WithMessage("c: the ledger has no row for image 6.");
        FluentActions.Invoking(() => AcrossCpus(ledger, [Outcome(5, 1, 1, target: 3)])).Should().Throw<InvalidDataException>()
            .WithMessage("c: the ledger has no row for image 5, target 3.");
        FluentActions.Invoking(() => AcrossCpus(ledger, [Outcome(4, 1, 1) with { Label = 2 }])).Should().Throw<InvalidDataException>()
            .WithMessage("c: image 4 has label 2, the ledger 1: other data.");
    }

    [Test]
    public void A_flip_is_near_the_boundary_only_if_both_margins_are_within_the_rounding_margin_inclusive()
    {
        var at = Outcome(0, 1, 1) with { Margin = CrossMachineTolerance.RoundingMargin };
        var beyond = at with { Margin = -CrossMachineTolerance.RoundingMargin - 0.01 };

        new SampleDifference(at, at with { AdversarialPrediction = 2, Margin = -CrossMachineTolerance.RoundingMargin }).NearBoundary.Should().BeTrue();
        new SampleDifference(at, beyond with { AdversarialPrediction = 2 }).NearBoundary.Should().BeFalse();
        new SampleDifference(beyond with { AdversarialPrediction = 2 }, at).NearBoundary.Should().BeFalse();
    }

    [Test]
    public void Strata_break_ties_by_image_order_rank_a_targeted_image_by_its_smallest_margin_and_draw_at_random_from_the_ascending_rest()
    {
        // Survivors 0 and 1 tie at margin 1, broken 2 and 3 tie at -1; image 4 survives targets at margins 0.5 and 9,
        // image 5 at 0.6 and 0.7: by its smallest margin, 4 is nearer the boundary. Images 6-29 are the random pool.
        var rows = new List<AttackOutcome>
        {
            new(0, 1, null, 1, 1, 0.03, 1), new(1, 1, null, 1, 1, 0.03, 1), new(2, 1, null, 1, 2, 0.03, -1), new(3, 1, null, 1, 2, 0.03, -1),
        };
        var targeted = new List<AttackOutcome>
        {
            new(4, 1, 2, 1, 1, 0.03, 0.5), new(4, 1, 3, 1, 1, 0.03, 9), new(5, 1, 2, 1, 1, 0.03, 0.6), new(5, 1, 3, 1, 1, 0.03, 0.7),
        };
        var pool = Enumerable.Range(6, 24).ToList();
        rows.AddRange(pool.Select(i => new AttackOutcome(i, 1, null, 1, 1, 0.03, 50)));

        var sample = new VerificationStrata(NearestSurvivors: 1, NearestBroken: 1, Random: 5).Choose(rows, [.. Enumerable.Range(0, 30)], seed: 3);
        var targetedSample = new VerificationStrata(NearestSurvivors: 1, NearestBroken: 0, Random: 0).Choose(targeted, [4, 5], seed: 3);

        sample.Where(s => s.Stratum != Stratum.Random).Should().Equal(new SampledImage(0, Stratum.NearestSurvivor), new SampledImage(2, Stratum.NearestBroken));
        sample.Where(s => s.Stratum == Stratum.Random).Select(s => s.Index).Should()
            .Equal(LedgerVerification.Sample([1, 3, .. pool], 5, seed: 3), "the rest, in image order, under the seed");
        targetedSample.Should().Equal(new SampledImage(4, Stratum.NearestSurvivor));
        new VerificationStrata(6, 6, 8).Size.Should().Be(20);
    }

    [Test]
    public void Across_CPUs_a_flip_drawn_at_random_counts_against_the_random_allowance_however_large_the_boundarys()
    {
        var ledger = Enumerable.Range(0, 40).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        var sample = ledger.Select(o => new SampledImage(o.Index, o.Index < 30 ? Stratum.NearestBroken : Stratum.Random)).ToList();
        int allowed = CrossMachineTolerance.AllowedFlips(10);
        List<AttackOutcome> FlippingRandom(int count) => [.. ledger.Select(o => o.Index >= 40 - count ? o with { AdversarialPrediction = 2, Margin = -o.Margin } : o)];

        LedgerVerification.Compare("c", ledger, FlippingRandom(allowed), sample, VerificationRule.AcrossCpus).Agrees.Should().BeTrue();
        LedgerVerification.Compare("c", ledger, FlippingRandom(allowed + 1), sample, VerificationRule.AcrossCpus).Agrees.Should().BeFalse(
            $"{allowed + 1} random flips exceed the random allowance of {allowed}, though {CrossMachineTolerance.AllowedFlips(30, CrossMachineTolerance.BoundaryFlipRate)} may flip near the boundary");
    }

    [Test]
    public void On_its_CPU_an_agreement_lists_the_first_five_differences_and_the_largest_difference_within_the_tolerance()
    {
        var ledger = Enumerable.Range(0, 8).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        var sample = ledger.Select(o => new SampledImage(o.Index, Stratum.Random)).ToList();
        var recomputed = ledger.Select(o => o with { Margin = o.Index < 6 ? 5 : o.Margin * (1 + 2.5e-5) }).ToList();

        var agreement = LedgerVerification.Compare("c", ledger, recomputed, sample, VerificationRule.SameCpu);
        var one = LedgerVerification.Compare("c", ledger, [.. ledger.Select(o => o.Index == 0 ? o with { Margin = 5 } : o)], sample, VerificationRule.SameCpu);

        string Row(int i) => $"image {i}: ledger robust (prediction 1, margin 4), now robust (prediction 1, margin 5)";
        agreement.ToString().Should().Be(
            "c: 8 samples recomputed (0 survivors and 0 broken nearest the boundary, 8 at random), compared as on the CPU the cell was built on: "
            + $"clean predictions differ on 0 image(s), predictions or margins on 6 ({Row(0)}, {Row(1)}, {Row(2)}, {Row(3)}, {Row(4)}, …) "
            + "(allowed 0; margins may differ by 0.0001 relative, the others by at most 2.5E-05)");
        one.ToString().Should().EndWith($"predictions or margins on 1 ({Row(0)}) (allowed 0; margins may differ by 0.0001 relative, the others by at most 0)");
        LedgerVerification.Compare("c", ledger, ledger, sample, VerificationRule.SameCpu).ToString().Should()
            .EndWith("predictions or margins on 0 (allowed 0; margins may differ by 0.0001 relative, the others by at most 0)");
    }

    [Test]
    public void On_its_CPU_a_margin_may_differ_by_exactly_the_tolerance_of_the_larger_margin_or_of_one_logit_below_it()
    {
        var at = Outcome(0, 1, 1) with { Margin = 0 };

        SameCpuTolerance.RelativeDifference(0, SameCpuTolerance.RelativeMargin).Should().Be(SameCpuTolerance.RelativeMargin, "below 1 logit the difference is absolute");
        SameCpuTolerance.RelativeDifference(-198, -200).Should().BeApproximately(0.01, 1e-15, "above 1 logit, relative to the larger |margin|");
        SameCpuTolerance.Repeats(at, at with { Margin = SameCpuTolerance.RelativeMargin }).Should().BeTrue("the tolerance is inclusive");
        SameCpuTolerance.Repeats(at, at with { Margin = 1.5 * SameCpuTolerance.RelativeMargin }).Should().BeFalse();
        SameCpuTolerance.Repeats(at, at with { AdversarialPrediction = 2 }).Should().BeFalse("a changed prediction is never rounding on one CPU");
        SameCpuTolerance.Repeats(at, at with { CleanPrediction = 2 }).Should().BeFalse();
    }
}
