using Kwta.Model.Activations;
using Kwta.Model.Claims;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The reviewed verdicts: written from the checks, read back row by row, and matched to a check by claim and subject.</summary>
public class RecordedVerdictsTests : ScratchDirectoryTest
{
    static readonly ClaimSubject Pgd01 = ClaimSubject.Model(ModelFamily.AlexNet, ModelFamily.KwtaGamma01, ResultColumn.Pgd);

    static ClaimCheck Check(Claim claim, ClaimOutcome outcome, int? flipDistance, ClaimOutcome? uncorrected = null) =>
        new(claim, Pgd01, outcome, "evidence.", [], flipDistance, uncorrected ?? outcome);

    [Test]
    public void The_snapshot_lists_each_check_with_its_outcome_and_marks_a_fragile_one()
    {
        var text = RecordedVerdicts.Render(
        [
            Check(ClaimsCatalogue.PgdRobustness, ClaimOutcome.Holds, flipDistance: 2),
            Check(ClaimsCatalogue.OtherAttacks, ClaimOutcome.DoesNotHold, flipDistance: 3),
            Check(ClaimsCatalogue.Sparsity, ClaimOutcome.NotTestable, flipDistance: 1),
        ]);

        text.Should().StartWith("# Verdicts\n\nEvery claim check of the default run on the fixtures").And.EndWith(
            "| claim | family | subject | verdict |\n|---|---|---|---|\n" +
            "| C2 | alexnet-cifar | k-WTA 0.1 PGD | holds (fragile) |\n" +
            "| C3 | alexnet-cifar | k-WTA 0.1 PGD | does not hold |\n" +
            "| C4 | alexnet-cifar | k-WTA 0.1 PGD | not testable |\n");
        RecordedVerdicts.Parse(text, "Verdicts.md").Rows.Should().Equal(
            new RecordedVerdict(ClaimsCatalogue.PgdRobustness, Pgd01, ClaimOutcome.Holds, Fragile: true),
            new RecordedVerdict(ClaimsCatalogue.OtherAttacks, Pgd01, ClaimOutcome.DoesNotHold),
            new RecordedVerdict(ClaimsCatalogue.Sparsity, Pgd01, ClaimOutcome.NotTestable));
    }

    [Test]
    public void The_summary_has_a_column_for_every_family_after_its_legend()
    {
        var lines = new RecordedVerdicts([]).RenderSummary().Split('\n');

        lines[0].Should().EndWith("; p Holm-adjusted per claim.");
        lines[1..4].Should().Equal("", "| claim | resnet18-w16 | alexnet-cifar | mnist-cnn | resnet18-w16-adv | resnet18-w16-annealed |", "|---|---|---|---|---|---|");
    }

    [Test]
    public void A_check_finds_its_recorded_verdict_by_claim_and_subject()
    {
        var verdicts = new RecordedVerdicts(
            [new RecordedVerdict(ClaimsCatalogue.PgdRobustness, Pgd01, ClaimOutcome.DoesNotHold), new RecordedVerdict(ClaimsCatalogue.OtherAttacks, Pgd01, ClaimOutcome.Holds)]);

        verdicts.Of(Check(ClaimsCatalogue.OtherAttacks, ClaimOutcome.Holds, 9)).Should().Be(verdicts.Rows[1]);
        verdicts.Of(Check(ClaimsCatalogue.Sparsity, ClaimOutcome.Holds, 9)).Should().BeNull();
        verdicts.Of(Check(ClaimsCatalogue.PgdRobustness, ClaimOutcome.Holds, 9) with { Subject = Pgd01 with { Column = ResultColumn.DeepFool } }).Should().BeNull();
        (verdicts.Rows[0].IsRefutation, verdicts.Rows[1].IsRefutation).Should().Be((true, false));
    }

    [Test]
    public void The_verified_file_is_read_from_the_expected_folder_and_none_is_no_verdict()
    {
        RecordedVerdicts.Load(scratch).Rows.Should().BeEmpty();
        File.WriteAllText(SnapshotFiles.Verified(scratch, RecordedVerdicts.SnapshotName), "| claim | family | subject | verdict |\n| C2 | alexnet-cifar | k-WTA 0.1 PGD | holds |\n");

        RecordedVerdicts.Load(scratch).Rows.Should().Equal(new RecordedVerdict(ClaimsCatalogue.PgdRobustness, Pgd01, ClaimOutcome.Holds));
    }

    [TestCase("| C2 | alexnet-cifar | k-WTA 0.1 PGD |", "Verdicts.md, line 2: expected | claim | family | subject | verdict |.")]
    [TestCase("| C2 | alexnet-cifar | k-WTA 0.1 PGD | holds | x |", "Verdicts.md, line 2: expected | claim | family | subject | verdict |.")]
    [TestCase("| C10 | alexnet-cifar | k-WTA 0.1 PGD | holds |", "Verdicts.md, line 2: no claim C10 in the catalogue.")]
    [TestCase("| C2 | alexnet-cifar | k-WTA 0.1 PGD | holds (fragil) |", "Verdicts.md, line 2: 'holds (fragil)' is no outcome*")]
    public void A_row_that_is_no_verdict_is_refused_with_its_line(string row, string message) =>
        FluentActions.Invoking(() => RecordedVerdicts.Parse($"# Verdicts\n{row}\n", "Verdicts.md")).Should().Throw<FormatException>().WithMessage(message);

    [Test]
    public void Only_rows_of_a_claim_are_read_whatever_the_line_ends()
    {
        RecordedVerdicts.Parse("text | C2 |\r\n| claim | family | subject | verdict |\r\n| C2 | alexnet-cifar | k-WTA 0.1 PGD | holds |\r\n", "Verdicts.md")
            .Rows.Should().ContainSingle();
    }

    [TestCase(ClaimOutcome.Holds, 2, true)]
    [TestCase(ClaimOutcome.Holds, 3, false)]
    [TestCase(ClaimOutcome.DoesNotHold, 1, true)]
    [TestCase(ClaimOutcome.NotTestable, 1, false)]
    public void A_decided_verdict_that_two_images_or_fewer_flip_is_fragile(ClaimOutcome outcome, int flips, bool fragile) =>
        Check(ClaimsCatalogue.PgdRobustness, outcome, flips).Fragile.Should().Be(fragile);

    [Test]
    public void A_timing_has_no_images_to_flip_and_is_never_fragile() =>
        Check(ClaimsCatalogue.Overhead, ClaimOutcome.Holds, flipDistance: null).Fragile.Should().BeFalse();

    [Test]
    public void A_check_says_when_the_raw_p_would_have_decided_otherwise_and_a_confirmed_refutation_by_name()
    {
        Check(ClaimsCatalogue.PgdRobustness, ClaimOutcome.DoesNotHold, 3, uncorrected: ClaimOutcome.Holds).ToString().Should().Be(
            "C2 alexnet-cifar k-WTA 0.1 PGD: does not hold (holds on raw p); flips with 3 images. evidence.");
        Check(ClaimsCatalogue.GradientMasking, ClaimOutcome.Holds, null).ToString().Should().Be(
            "C7 alexnet-cifar k-WTA 0.1 PGD: refutation confirmed; flips with – images. evidence.");
        Check(ClaimsCatalogue.GradientMasking, ClaimOutcome.DoesNotHold, 1).Verdict.Should().Be("does not hold");
    }

    [Test]
    public void Each_outcome_has_its_words_and_its_mark_and_reads_back_from_its_words()
    {
        Enum.GetValues<ClaimOutcome>().Select(o => (o.Text(), o.Mark())).Should().Equal(
            ("holds", "✅"), ("does not hold", "❌"), ("not testable", "➖"));
        Enum.GetValues<ClaimOutcome>().Select(o => ClaimOutcomes.Parse(o.Text())).Should().Equal(Enum.GetValues<ClaimOutcome>());
    }
}
