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

    /// <summary>A targeted run is broken either way when it reaches its target or another wrong class; which one it reached
    /// is its outcome too (the VGA columns count reached targets), so a change of it is a flip.</summary>
    [Test]
    public void A_targeted_sample_that_now_reaches_another_wrong_class_than_its_target_is_a_flip()
    {
        var ledger = new[] { Outcome(4, 1, 2, target: 2) };

        var agreement = LedgerVerification.Compare("c", ledger, [Outcome(4, 1, 3, target: 2)]);

        agreement.Flips.Select(f => f.ToString()).Should().Equal($"image 4→2: ledger broken (prediction 2, margin {HalfMargin}), now broken (prediction 3, margin {HalfMargin})");
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
}
