using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>SHA256SUMS: what a build records, in sha256sum's format, and what reading it refuses.</summary>
public class LedgerDigestsTests : ScratchDirectoryTest
{
    static readonly LedgerCell Pgd = new(LedgerScale.Fixtures, "m", "pgd"), Fgsm = new(LedgerScale.Full, "m", "fgsm");

    string Written(LedgerCell cell, string content)
    {
        var path = cell.PathIn(scratch);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Test]
    public void Recorded_digests_are_sha256sum_lines_sorted_by_cell_and_a_new_record_replaces_the_old()
    {
        Written(Pgd, "one\n");
        Written(Fgsm, "two\n");
        LedgerDigests.Load(scratch).Should().BeEmpty("no SHA256SUMS exists yet");

        LedgerDigests.Record(Pgd, scratch);
        LedgerDigests.Record(Fgsm, scratch);
        var pgd = Written(Pgd, "three\n");
        LedgerDigests.Record(Pgd, scratch);

        File.ReadAllText(LedgerDigests.PathIn(scratch)).Should().Be(
            $"{Sha256.OfFile(pgd)}  fixtures/m/pgd.csv\n{Sha256.OfFile(Fgsm.PathIn(scratch))}  full/m/fgsm.csv\n");
        LedgerDigests.Load(scratch).Should().Equal(new Dictionary<string, string>
        {
            ["full/m/fgsm.csv"] = Sha256.OfFile(Fgsm.PathIn(scratch)), ["fixtures/m/pgd.csv"] = Sha256.OfFile(pgd),
        });
        FluentActions.Invoking(() => LedgerDigests.Check(Pgd, scratch)).Should().NotThrow();
    }

    [Test]
    public void A_cell_changed_after_its_record_is_refused_with_both_digests_and_its_rebuild()
    {
        var path = Written(Pgd, "built\n");
        LedgerDigests.Record(Pgd, scratch);
        var recorded = Sha256.OfFile(path);
        Written(Pgd, "edited\n");

        FluentActions.Invoking(() => LedgerDigests.Check(Pgd, scratch)).Should().Throw<TamperedLedgerException>().WithMessage(
            $"{path}: its content (sha256 {Sha256.OfFile(path)[..12]}…) differs from the reviewed digest in {LedgerDigests.PathIn(scratch)} " +
            $"({recorded[..12]}…): it was edited after it was built. Rebuild it with `kwta ledger build --scale fixtures --model m --attack pgd`.");
    }

    [Test]
    public void A_cell_without_a_record_is_refused_naming_the_digest_file()
    {
        var path = Written(Pgd, "built\n");
        Written(Fgsm, "other\n");
        LedgerDigests.Record(Fgsm, scratch);

        FluentActions.Invoking(() => LedgerDigests.Check(Pgd, scratch)).Should().Throw<TamperedLedgerException>().WithMessage(
            $"{path}: no digest for it in {LedgerDigests.PathIn(scratch)}, which a build or merge writes. Rebuild it with `kwta ledger build --scale fixtures --model m --attack pgd`.");
    }

    [TestCase("{0} fixtures/m/pgd.csv", 1)]
    [TestCase("{0}a  fixtures/m/pgd.csv", 1)]
    [TestCase("{1}  fixtures/m/pgd.csv", 1)]
    [TestCase("{0}  fixtures/m/pgd.csv\n{0}  full/m/pgd.csv\n{0}", 3)]
    public void A_digest_line_not_in_sha256sum_s_format_is_refused_naming_its_line(string lines, int line)
    {
        File.WriteAllText(LedgerDigests.PathIn(scratch), string.Format(lines, new string('0', 64), new string('0', 63) + "g") + "\n");

        FluentActions.Invoking(() => LedgerDigests.Load(scratch)).Should().Throw<LedgerFormatException>().WithMessage(
            $"{LedgerDigests.PathIn(scratch)}:{line}: expected 'SHA256  SCALE/MODEL/ATTACK.csv' (sha256sum's format).");
    }

    [Test]
    public void A_cell_listed_twice_is_refused_naming_the_second_line()
    {
        var digest = new string('f', 64);
        File.WriteAllText(LedgerDigests.PathIn(scratch), $"{digest}  fixtures/m/pgd.csv\n{digest}  full/m/pgd.csv\n{digest}  fixtures/m/pgd.csv\n");

        FluentActions.Invoking(() => LedgerDigests.Load(scratch)).Should().Throw<LedgerFormatException>().WithMessage(
            $"{LedgerDigests.PathIn(scratch)}:3: fixtures/m/pgd.csv is listed twice.");
    }

    [Test]
    public void A_record_waits_for_another_process_s_lock_on_the_digest_file()
    {
        Written(Pgd, "built\n");
        Task recording;
        using (new FileStream(LedgerDigests.PathIn(scratch) + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            recording = Task.Run(() => LedgerDigests.Record(Pgd, scratch));
            Thread.Sleep(500);
            recording.IsCompleted.Should().BeFalse("the lock is held");
        }

        recording.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        LedgerDigests.Load(scratch).Keys.Should().Equal("fixtures/m/pgd.csv");
    }

    [Test]
    public void A_stale_ledger_names_every_reason_and_the_rebuild() =>
        new StaleLedgerException("p.csv", ["the data changed", "the images changed"], "kwta ledger build").Message.Should().Be(
            "stale ledger p.csv: the data changed; the images changed. Rebuild it with `kwta ledger build`.");
}
