using Kwta.Model.Ledger;
using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>The snapshot helper and the result-table comparison: counts within what another CPU flips agree,
/// anything else differs; a received file on mismatch; acceptance only outside CI.</summary>
public class MarkdownSnapshotTests : ScratchDirectoryTest
{
    string? acceptSetting;

    /// <summary>These tests check comparison and acceptance themselves, so an accepting run (KWTA_ACCEPT=1) must not change them.</summary>
    [SetUp] public void CompareRatherThanAccept()
    {
        acceptSetting = Environment.GetEnvironmentVariable(MarkdownSnapshot.AcceptVariable);
        Environment.SetEnvironmentVariable(MarkdownSnapshot.AcceptVariable, null);
    }

    [TearDown] public void RestoreAcceptance() => Environment.SetEnvironmentVariable(MarkdownSnapshot.AcceptVariable, acceptSetting);

    const string Table = "Caption.\n\n| model | PGD | Clean |\n|---|---|---|\n| k-WTA 0.1 | 50.0 (45.1–55.4) [seed 50.3] | 90.1 (88.1–91.8) |\n| images | 200 | 1000 |\n";

    static string WithPgdCount(int robust) =>
        Table.Replace("50.0 (45.1–55.4)", FormattableString.Invariant($"{100.0 * robust / 200:F1} (1.0–2.0)"));

    [Test]
    public void Counts_agree_within_the_flips_another_CPU_may_cause_and_not_beyond()
    {
        int allowed = CrossMachineTolerance.AllowedFlips(200);
        allowed.Should().BeInRange(1, 20, "a tolerance of zero fails on every other CPU, a large one hides real changes");

        ResultTableComparison.Differences(Table, WithPgdCount(100 + allowed)).Should().BeEmpty("intervals are derived, only counts compare");
        ResultTableComparison.Differences(Table, WithPgdCount(100 - allowed)).Should().BeEmpty();
        ResultTableComparison.Differences(Table, WithPgdCount(100 + allowed + 1)).Should().ContainSingle()
            .Which.Should().Contain($"100 → {100 + allowed + 1} of 200 images");
    }

    [Test]
    public void Each_table_of_a_file_counts_its_cells_with_its_own_images_row()
    {
        // The second table's PGD column has 20 images, so one more robust image is 5 pp there but 0.5 pp in the first.
        const string second = "\n| model | PGD |\n|---|---|\n| k-WTA 0.1 | 50.0 (29.9–70.1) |\n| images | 20 |\n";
        int allowed = CrossMachineTolerance.AllowedFlips(20);

        ResultTableComparison.Differences(Table + second, Table + second.Replace("50.0 (29.9–70.1)", FormattableString.Invariant($"{100.0 * (10 + allowed) / 20:F1} (1.0–2.0)")))
            .Should().BeEmpty();
        ResultTableComparison.Differences(Table + second, Table + second.Replace("50.0 (29.9–70.1)", FormattableString.Invariant($"{100.0 * (10 + allowed + 1) / 20:F1} (1.0–2.0)")))
            .Should().ContainSingle().Which.Should().Contain($"10 → {10 + allowed + 1} of 20 images");
    }

    [TestCase("k-WTA 0.1", "k-WTA 0.2")]
    [TestCase("seed 50.3", "seed 50.4")]
    [TestCase("| images | 200 |", "| images | 201 |")]
    [TestCase("| PGD |", "| FGSM |")]
    [TestCase("Caption.", "Caption!")]
    public void Labels_published_numbers_sizes_and_text_compare_exactly(string original, string changed) =>
        ResultTableComparison.Differences(Table, Table.Replace(original, changed)).Should().NotBeEmpty();

    [Test]
    public void A_missing_or_extra_row_differs() =>
        ResultTableComparison.Differences(Table, Table + "| extra | 1 | 2 |\n").Should().ContainSingle();

    [Test]
    public void A_mismatch_writes_the_received_file_and_fails_and_acceptance_promotes_it()
    {
        File.WriteAllText(SnapshotFiles.Verified(scratch, "T"), Table);
        MarkdownSnapshot.Verify("T", Table, ResultTableComparison.Differences, scratch);
        File.Exists(SnapshotFiles.Received(scratch, "T")).Should().BeFalse();

        var changed = WithPgdCount(150);
        var act = () => MarkdownSnapshot.Verify("T", changed, ResultTableComparison.Differences, scratch);
        act.Should().Throw<SnapshotMismatchException>().WithMessage("*1 line(s) differ*- | k-WTA 0.1 | 50.0*+ | k-WTA 0.1 | 75.0*");
        File.ReadAllText(SnapshotFiles.Received(scratch, "T")).Should().Be(changed);

        SnapshotFiles.AcceptAll(scratch).Should().Equal("T");
        File.ReadAllText(SnapshotFiles.Verified(scratch, "T")).Should().Be(changed);
    }

    [Test]
    public void A_CSV_snapshot_mismatch_writes_a_received_CSV_that_acceptance_promotes_to_its_verified_CSV()
    {
        const string Recorded = "index,margin\n0,-1.5\n", Changed = "index,margin\n0,-1.25\n";
        File.WriteAllText(SnapshotFiles.Verified(scratch, "F", "csv"), Recorded);

        var act = () => MarkdownSnapshot.Verify("F", Changed, MarkdownSnapshot.Exact, scratch, "csv");
        act.Should().Throw<SnapshotMismatchException>().WithMessage("*1 line(s) differ*F.verified.csv*- 0,-1.5*+ 0,-1.25*");
        File.ReadAllText(SnapshotFiles.Received(scratch, "F", "csv")).Should().Be(Changed);

        SnapshotFiles.AcceptAll(scratch).Should().Equal("F");
        File.ReadAllText(SnapshotFiles.Verified(scratch, "F", "csv")).Should().Be(Changed);
        File.Exists(SnapshotFiles.Verified(scratch, "F")).Should().BeFalse("a CSV snapshot is not promoted to a Markdown one");
    }

    [Test]
    public void A_missing_verified_snapshot_fails_and_leaves_a_received_file()
    {
        var act = () => MarkdownSnapshot.Verify("New", Table, ResultTableComparison.Differences, scratch);
        act.Should().Throw<SnapshotMismatchException>().WithMessage("*No verified snapshot*");
        File.Exists(SnapshotFiles.Received(scratch, "New")).Should().BeTrue();
    }

    [Test, NonParallelizable]
    public void Acceptance_is_refused_under_CI()
    {
        File.WriteAllText(SnapshotFiles.Verified(scratch, "T"), Table);
        var (accept, ci) = (Environment.GetEnvironmentVariable(MarkdownSnapshot.AcceptVariable), Environment.GetEnvironmentVariable("CI"));
        try
        {
            Environment.SetEnvironmentVariable(MarkdownSnapshot.AcceptVariable, "1");
            Environment.SetEnvironmentVariable("CI", "true");
            var act = () => MarkdownSnapshot.Verify("T", WithPgdCount(150), ResultTableComparison.Differences, scratch);
            act.Should().Throw<SnapshotMismatchException>().WithMessage("*refused under CI*");
            File.ReadAllText(SnapshotFiles.Verified(scratch, "T")).Should().Be(Table);
        }
        finally
        {
            Environment.SetEnvironmentVariable(MarkdownSnapshot.AcceptVariable, accept);
            Environment.SetEnvironmentVariable("CI", ci);
        }
    }
}
