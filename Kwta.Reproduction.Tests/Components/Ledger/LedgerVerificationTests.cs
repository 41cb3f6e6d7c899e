using Kwta.Model.Evaluation;
using Kwta.Model.Ledger;

namespace Kwta.Reproduction.Tests.Components.Ledger;

public class LedgerVerificationTests
{
    /// <summary>An outcome on the decision boundary, whose margin rounding could flip.</summary>
    static AttackOutcome Outcome(int index, int clean, int adversarial, int? target = null) =>
        new(index, 1, target, clean, adversarial, 0.03, CrossMachineTolerance.RoundingMargin / 2);

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

        LedgerVerification.Compare("c", ledger, withinTolerance).Agrees.Should().BeTrue();
        var disagreement = LedgerVerification.Compare("c", ledger, beyond);

        disagreement.Agrees.Should().BeFalse();
        disagreement.Flips.Should().HaveCount(allowed + 1);
        disagreement.ToString().Should().Contain($"image 0: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin})");
    }

    [Test]
    public void Two_changed_clean_predictions_in_a_cell_are_a_disagreement_and_one_is_not()
    {
        var ledger = Enumerable.Range(0, 10).Select(i => Outcome(i, clean: 1, adversarial: 0)).ToList();

        LedgerVerification.Compare("c", ledger, [ledger[0] with { CleanPrediction = 3 }, .. ledger[1..]]).Agrees.Should().BeTrue();
        var two = LedgerVerification.Compare("c", ledger, [ledger[0] with { CleanPrediction = 3 }, ledger[1] with { CleanPrediction = 3 }, .. ledger[2..]]);

        two.Agrees.Should().BeFalse();
        two.CleanDifferences.Should().Equal(0, 1);
    }

    [Test]
    public void A_targeted_sample_is_matched_to_its_own_target_row()
    {
        var ledger = new[] { Outcome(4, 1, 1, target: 2), Outcome(4, 1, 3, target: 3) };

        var agreement = LedgerVerification.Compare("c", ledger, [Outcome(4, 1, 2, target: 2), Outcome(4, 1, 3, target: 3)]);

        agreement.Flips.Select(f => f.ToString()).Should().Equal($"image 4→2: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin})");
    }

    [Test]
    public void A_single_flip_with_a_confident_margin_is_a_disagreement_whatever_the_allowance()
    {
        var ledger = Enumerable.Range(0, 20).Select(i => Outcome(i, clean: 1, adversarial: 1)).ToList();
        double beyond = CrossMachineTolerance.RoundingMargin * 1.5;
        var recordedConfident = ledger.Select(o => o.Index == 3 ? o with { Margin = beyond } : o).ToList();

        var nearBoundary = LedgerVerification.Compare("c", ledger, [.. ledger.Select(o => o.Index == 3 ? o with { AdversarialPrediction = 2, Margin = -o.Margin } : o)]);
        var fromConfidentRow = LedgerVerification.Compare("c", recordedConfident, [.. ledger.Select(o => o.Index == 3 ? o with { AdversarialPrediction = 2, Margin = -o.Margin } : o)]);
        var toConfidentOutcome = LedgerVerification.Compare("c", ledger, [.. ledger.Select(o => o.Index == 3 ? o with { AdversarialPrediction = 2, Margin = -beyond } : o)]);

        nearBoundary.Agrees.Should().BeTrue(nearBoundary.ToString());
        fromConfidentRow.Agrees.Should().BeFalse("the ledger's row sat far from the boundary: rounding cannot flip it");
        toConfidentOutcome.Agrees.Should().BeFalse("the recomputed outcome is far past the boundary");
        toConfidentOutcome.ConfidentFlips.Should().ContainSingle().Which.Recorded.Index.Should().Be(3);
        toConfidentOutcome.ToString().Should().Contain("image 3: ledger robust").And.Contain("(confident: a margin beyond rounding's reach)");
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

        var agreement = LedgerVerification.Compare("fixtures/m/pgd", ledger, recomputed);

        agreement.Agrees.Should().BeFalse("two clean predictions differ");
        agreement.ToString().Should().Be(
            $"fixtures/m/pgd: 5 samples recomputed; clean predictions differ on 2 image(s) (3-4) (allowed 1); outcomes flipped on 3 " +
            $"(image 1: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin}), " +
            $"image 3: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 1, margin {HalfMargin}), " +
            $"image 4: ledger robust (prediction 1, margin {HalfMargin}), now broken (prediction 1, margin {HalfMargin})) " +
            $"(allowed {CrossMachineTolerance.AllowedFlips(5)}, each with both margins within ±8)");
        LedgerVerification.Compare("c", ledger, ledger).ToString().Should().Be(
            $"c: 5 samples recomputed; clean predictions differ on 0 image(s) (allowed 1); outcomes flipped on 0 (allowed {CrossMachineTolerance.AllowedFlips(5)}, each with both margins within ±8)");
    }

    [Test]
    public void A_targeted_sample_that_reaches_its_target_only_now_is_a_flip_though_it_was_broken_before()
    {
        var ledger = new[] { Outcome(4, 1, 3, target: 2) };

        var agreement = LedgerVerification.Compare("c", ledger, [Outcome(4, 1, 2, target: 2)]);

        agreement.Flips.Should().ContainSingle().Which.ToString().Should().Be(
            $"image 4→2: ledger broken (prediction 3, margin {HalfMargin}), now broken (prediction 2, margin {HalfMargin})");
    }

    [Test]
    public void A_recomputed_sample_without_its_ledger_row_or_with_another_label_is_other_data()
    {
        var ledger = new[] { Outcome(4, 1, 1), Outcome(5, 1, 1, target: 2) };

        FluentActions.Invoking(() => LedgerVerification.Compare("c", ledger, [Outcome(6, 1, 1)])).Should().Throw<InvalidDataException>()
            .WithMessage("c: the ledger has no row for image 6.");
        FluentActions.Invoking(() => LedgerVerification.Compare("c", ledger, [Outcome(5, 1, 1, target: 3)])).Should().Throw<InvalidDataException>()
            .WithMessage("c: the ledger has no row for image 5, target 3.");
        FluentActions.Invoking(() => LedgerVerification.Compare("c", ledger, [Outcome(4, 1, 1) with { Label = 2 }])).Should().Throw<InvalidDataException>()
            .WithMessage("c: image 4 has label 2, the ledger 1: other data.");
    }

    [Test]
    public void A_flip_is_near_the_boundary_only_if_both_margins_are_within_the_rounding_margin_inclusive()
    {
        var at = Outcome(0, 1, 1) with { Margin = CrossMachineTolerance.RoundingMargin };
        var beyond = at with { Margin = -CrossMachineTolerance.RoundingMargin - 0.01 };

        new OutcomeFlip(at, at with { AdversarialPrediction = 2, Margin = -CrossMachineTolerance.RoundingMargin }).NearBoundary.Should().BeTrue();
        new OutcomeFlip(at, beyond with { AdversarialPrediction = 2 }).NearBoundary.Should().BeFalse();
        new OutcomeFlip(beyond with { AdversarialPrediction = 2 }, at).NearBoundary.Should().BeFalse();
    }
}
