using System.Globalization;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>
/// A committed cell edited by hand is refused when read, naming the cell and the command that rebuilds it (the fault
/// probe of issue #27 edited 30 rows of alexnet-cifar-kwta-0.1's PGD cell outside the re-verification sample, and every
/// test passed).
/// </summary>
public class LedgerTamperingTests : ScratchDirectoryTest
{
    static readonly PlannedCell Cell = LedgerPlan.Cells(LedgerScale.Fixtures, [ModelFamily.AlexNet])
        .Single(c => c.Table.Model == "alexnet-cifar-kwta-0.1" && c.Table.Column == ResultColumn.Pgd);

    string CopyOfCell()
    {
        var path = Cell.Ledger.PathIn(scratch);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Cell.Ledger.PathIn(RepositoryLayout.Ledger), path);
        File.Copy(LedgerDigests.PathIn(RepositoryLayout.Ledger), LedgerDigests.PathIn(scratch));
        return path;
    }

    IReadOnlyList<Model.Evaluation.AttackOutcome> Read() =>
        CellReader.Outcomes(Cell, TestData.Cifar10, RepositoryLayout.Models, scratch);

    /// <summary>Rewrites the broken rows of images 500–999 (far from any re-verification sample's reach) as robust:
    /// adversarial prediction = label, with <paramref name="margin"/>.</summary>
    static void MakeRobust(string path, int rows, string margin)
    {
        var lines = File.ReadAllLines(path);
        int edited = 0;
        for (int i = 0; i < lines.Length && edited < rows; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 7 || !int.TryParse(f[0], CultureInfo.InvariantCulture, out var index) || index < 500 || f[1] != f[3] || f[4] == f[1]) continue;
            lines[i] = string.Join(',', f[0], f[1], f[2], f[3], f[1], f[5], margin);
            edited++;
        }
        edited.Should().Be(rows);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    [Test]
    public void The_committed_cell_copied_as_it_is_reads()
    {
        CopyOfCell();

        Read().Should().HaveCount(1000);
    }

    [Test]
    public void Thirty_rows_made_robust_with_a_consistent_margin_are_refused_by_the_reviewed_digest_naming_the_cell_and_its_rebuild()
    {
        MakeRobust(CopyOfCell(), rows: 30, margin: "1.5");

        var read = Read;

        read.Should().Throw<TamperedLedgerException>()
            .WithMessage($"*{Cell.Ledger.RelativePath}: its content (sha256 *) differs from the reviewed digest in *SHA256SUMS*edited after it was built. Rebuild it with `{Cell.Ledger.BuildCommand}`.");
    }

    [Test]
    public void Rows_made_robust_without_changing_their_margin_are_refused_at_the_first_edited_line()
    {
        MakeRobust(CopyOfCell(), rows: 30, margin: "-3.25");

        var read = Read;

        read.Should().Throw<LedgerFormatException>().WithMessage("*pgd.csv:*: image 5*has margin -3.25 but adversarial prediction * for label *: the margin's sign must say the same.");
    }

    [Test]
    public void A_cell_without_a_recorded_digest_is_refused_naming_the_digest_file()
    {
        CopyOfCell();
        File.Delete(LedgerDigests.PathIn(scratch));

        var read = Read;

        read.Should().Throw<TamperedLedgerException>().WithMessage($"*no digest for it in *SHA256SUMS*Rebuild it with `{Cell.Ledger.BuildCommand}`.");
    }

    [Test]
    public void A_row_whose_label_is_not_the_data_s_is_refused_naming_its_line()
    {
        var path = CopyOfCell();
        var lines = File.ReadAllLines(path);
        int row = Array.FindIndex(lines, l => l.StartsWith("700,", StringComparison.Ordinal));
        var f = lines[row].Split(',');
        int other = (int.Parse(f[1], CultureInfo.InvariantCulture) + 1) % 10;
        // Label, clean and adversarial prediction move together, so the row is consistent in itself.
        lines[row] = string.Join(',', f[0], other, f[2], other, f[4] == f[1] ? other.ToString(CultureInfo.InvariantCulture) : f[4], f[5], f[6]);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        LedgerDigests.Record(Cell.Ledger, scratch); // a digest recorded over the edit: the data still disagrees

        var read = Read;

        read.Should().Throw<LedgerFormatException>().WithMessage($"*pgd.csv:{row + 1}: image 700 has label {other}; the data's label is {f[1]}.");
    }

    [Test]
    public void Kwta_ledger_verify_of_the_edited_cell_fails_in_one_line_naming_it_and_its_rebuild()
    {
        MakeRobust(CopyOfCell(), rows: 30, margin: "1.5");

        var run = CliProcess.Run("ledger", "verify", "--model", Cell.Table.Model, "--attack", "pgd", "--ledger", scratch);

        CliProcess.ShouldBeOneLineError(run, 1, $"{Cell.Ledger.PathIn(scratch)}: its content (sha256 ");
        run.Output.Should().Contain($"Rebuild it with `{Cell.Ledger.BuildCommand}`.");
    }

    [Test]
    public void Kwta_ledger_status_calls_the_edited_cell_refused_not_fresh()
    {
        MakeRobust(CopyOfCell(), rows: 30, margin: "1.5");

        var (exitCode, output) = CliProcess.Run("ledger", "status", "--model", Cell.Table.Model, "--attack", "pgd", "--ledger", scratch);

        exitCode.Should().Be(0, output);
        output.Trim().Should().StartWith($"{Cell.Ledger}: refused, {Cell.Ledger.PathIn(scratch)}: its content (sha256 ").And.Contain("edited after it was built");
    }
}
