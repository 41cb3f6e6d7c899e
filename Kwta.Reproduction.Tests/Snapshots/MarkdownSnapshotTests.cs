using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>The snapshot helper itself: exact text, tolerant numbers, received file on mismatch.</summary>
public class MarkdownSnapshotTests : ScratchDirectoryTest
{

    const string Table = "| model | PGD |\n|---|---|\n| k-WTA 0.1 | 50.3 (45.1–55.4) |\n";

    [Test]
    public void Numbers_within_tolerance_agree_and_text_must_match_exactly()
    {
        MarkdownSnapshot.Differences(Table, Table.Replace("50.3", "51.2"), 1.0).Should().BeEmpty();
        MarkdownSnapshot.Differences(Table, Table.Replace("50.3", "51.4"), 1.0).Should().ContainSingle();
        MarkdownSnapshot.Differences(Table, Table.Replace("k-WTA 0.1", "k-WTA 0.2"), 1.0).Should().NotBeEmpty("row labels compare exactly, numbers in them too");
        MarkdownSnapshot.Differences(Table, Table.Replace("PGD", "FGSM"), 1.0).Should().ContainSingle();
        MarkdownSnapshot.Differences(Table, Table + "| extra | 1 |\n", 1.0).Should().ContainSingle();
    }

    [Test]
    public void A_mismatch_writes_the_received_file_and_fails_and_acceptance_promotes_it()
    {
        File.WriteAllText(SnapshotFiles.Verified(scratch, "T"), Table);
        MarkdownSnapshot.Verify("T", Table, 1.0, scratch);
        File.Exists(SnapshotFiles.Received(scratch, "T")).Should().BeFalse();

        var changed = Table.Replace("50.3", "60.0");
        var act = () => MarkdownSnapshot.Verify("T", changed, 1.0, scratch);
        act.Should().Throw<SnapshotMismatchException>().WithMessage("*1 line(s) differ*- | k-WTA 0.1 | 50.3*+ | k-WTA 0.1 | 60.0*");
        File.ReadAllText(SnapshotFiles.Received(scratch, "T")).Should().Be(changed);

        SnapshotFiles.AcceptAll(scratch).Should().Equal("T");
        File.ReadAllText(SnapshotFiles.Verified(scratch, "T")).Should().Be(changed);
    }

    [Test]
    public void A_missing_verified_snapshot_fails_and_leaves_a_received_file()
    {
        var act = () => MarkdownSnapshot.Verify("New", Table, 1.0, scratch);
        act.Should().Throw<SnapshotMismatchException>().WithMessage("*No verified snapshot*");
        File.Exists(SnapshotFiles.Received(scratch, "New")).Should().BeTrue();
    }
}
