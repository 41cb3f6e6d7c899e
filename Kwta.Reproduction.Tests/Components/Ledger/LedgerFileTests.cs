using Kwta.Model.Evaluation;
using Kwta.Model.Ledger;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

public class LedgerFileTests : ScratchDirectoryTest
{
    static readonly LedgerHeader Header = new("fixtures/m/pgd", "PGD-L∞ ε=0.3 step=0.01 steps=40 seed=1", "0-2,7",
                                              new string('a', 64), new string('b', 64), "test CPU", "2026-11-26T00:00:00Z");

    static readonly AttackOutcome[] Outcomes =
    [
        new(7, 3, null, 3, 3, 0.3f, 1.25f),
        new(0, 1, null, 1, 4, 0.3f, -0.5f),
        new(2, 9, null, 8, 8, 0.29999998f, -2.0e-7f),
        new(1, 0, null, 0, 0, 0.1f, 3.5f),
    ];

    [Test]
    public void A_ledger_file_reads_back_the_outcomes_it_was_written_with_in_image_order()
    {
        var path = Path.Combine(scratch, "pgd.csv");
        new LedgerFile(Header, Outcomes).Write(path);

        var read = LedgerFile.Read(path);

        read.Header.Should().Be(Header);
        read.Outcomes.Should().Equal(Outcomes.OrderBy(o => o.Index));
    }

    [Test]
    public void Index_ranges_are_written_as_runs_and_read_back_as_the_same_set()
    {
        IndexRanges.Format([8, 0, 1, 2, 5, 7, 2]).Should().Be("0-2,5,7-8");
        IndexRanges.Parse("0-2,5,7-8").Should().Equal(0, 1, 2, 5, 7, 8);
        IndexRanges.Parse(IndexRanges.Format(Enumerable.Range(0, 1000))).Should().Equal(Enumerable.Range(0, 1000));
    }

    [Test]
    public void A_header_edited_by_hand_is_refused_naming_the_file()
    {
        var path = Path.Combine(scratch, "pgd.csv");
        new LedgerFile(Header, Outcomes).Write(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("step=0.01", "step=0.02"));

        var read = () => LedgerFile.Read(path);

        read.Should().Throw<LedgerFormatException>().WithMessage($"{path}:1: settings-sha256 does not match*");
    }

    [Test]
    public void A_shard_header_that_is_not_I_of_N_is_refused_naming_the_file_and_line()
    {
        var path = Path.Combine(scratch, "pgd.shard-1-of-2.csv");
        new LedgerFile(Header with { Shard = "1/2" }, Outcomes).Write(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("# shard: 1/2", "# shard: "));

        var read = () => LedgerFile.Read(path);

        read.Should().Throw<LedgerFormatException>().WithMessage($"{path}:10: shard '' is not I/N*");
    }

    [Test]
    public void A_malformed_row_is_reported_with_its_file_and_line()
    {
        var path = Path.Combine(scratch, "pgd.csv");
        new LedgerFile(Header, Outcomes).Write(path);
        File.AppendAllText(path, "9,1,,1,x,0.3,1\n");

        var read = () => LedgerFile.Read(path);

        read.Should().Throw<LedgerFormatException>().WithMessage($"{path}:15: 'x' is not an integer.");
    }

    [Test]
    public void A_header_names_each_input_that_changed_since_the_ledger_was_built()
    {
        var current = Header with { Attack = "PGD-L∞ ε=0.3 step=0.02 steps=40 seed=1", ModelSha256 = new string('c', 64), Machine = "other CPU" };

        var reasons = Header.StaleAgainst(current);

        reasons.Should().HaveCount(2);
        reasons[0].Should().StartWith("the attack's settings changed (ledger: PGD-L∞ ε=0.3 step=0.01");
        reasons[1].Should().StartWith("the model's weights changed");
    }

    string Written()
    {
        var path = Path.Combine(scratch, "pgd.csv");
        new LedgerFile(Header, Outcomes).Write(path);
        return path;
    }

    /// <summary>The written file with <paramref name="edit"/> applied to its row lines (header lines kept).</summary>
    string Edited(Func<List<string>, List<string>> edit)
    {
        var path = Written();
        var lines = File.ReadAllLines(path).ToList();
        int first = lines.IndexOf(LedgerFile.ColumnsLine) + 1;
        File.WriteAllText(path, string.Join('\n', lines[..first].Concat(edit(lines[first..]))) + "\n");
        return path;
    }

    // Rows as written: line 11 image 0, 12 image 1, 13 image 2, 14 image 7.
    [TestCase("duplicated", "13: image 1 appears twice (also line 12).")]
    [TestCase("swapped", "12: image 0 comes after image 1: rows must be in image order.")]
    [TestCase("dropped", "14: no row for image(s) 1, which the header names: the file is incomplete.")]
    [TestCase("foreign", "15: image 9 is not one of the header's images.")]
    [TestCase("sign", "11: image 0 has margin 0.5 but adversarial prediction 4 for label 1: the margin's sign must say the same.")]
    [TestCase("nan", "11: image 0 has margin NaN but adversarial prediction 4 for label 1: the margin's sign must say the same.")]
    public void An_inconsistent_row_is_refused_naming_the_file_and_line(string edit, string message)
    {
        var path = Edited(rows => edit switch
        {
            "duplicated" => [rows[0], rows[1], rows[1], rows[2], rows[3]],
            "swapped" => [rows[1], rows[0], rows[2], rows[3]],
            "dropped" => [rows[0], rows[2], rows[3]],
            "foreign" => [.. rows, "9,1,,1,1,0.3,1"],
            "sign" => [rows[0].Replace(",-0.5", ",0.5"), .. rows[1..]],
            "nan" => [rows[0].Replace(",-0.5", ",NaN"), .. rows[1..]],
            _ => throw new ArgumentException(edit),
        });

        var read = () => LedgerFile.Read(path);

        read.Should().Throw<LedgerFormatException>().WithMessage($"{path}:{message}");
    }

    [Test]
    public void A_file_cut_inside_its_last_row_is_refused_as_cut_short()
    {
        var path = Written();
        File.WriteAllText(path, File.ReadAllText(path)[..^3]);

        var read = () => LedgerFile.Read(path);

        read.Should().Throw<LedgerFormatException>().WithMessage($"{path}:14: the last line has no line end: the file was cut short.");
    }

    [Test]
    public void A_file_still_being_built_may_lack_images_but_not_hold_foreign_ones()
    {
        var path = Path.Combine(scratch, "pgd.csv.partial");
        new LedgerFile(Header with { Built = LedgerHeader.InProgress }, Outcomes[..2]).Write(path);

        LedgerFile.Read(path).Outcomes.Should().HaveCount(2);
    }

    [Test]
    public void A_perturbation_beyond_the_attack_s_radius_is_refused_and_float_rounding_at_the_radius_is_not()
    {
        var path = Written();
        var file = LedgerFile.Read(path);
        byte[] labels = [1, 0, 9, 0, 0, 0, 0, 3];

        var atRadius = () => LedgerRows.CheckAgainst(file, path, 0.3, labels);
        var belowRadius = () => LedgerRows.CheckAgainst(file, path, 0.29, labels);
        var otherLabels = () => LedgerRows.CheckAgainst(file, path, 0.3, [1, 0, 8, 0, 0, 0, 0, 3]);

        atRadius.Should().NotThrow("0.29999998 and 0.3 in float32 are ε up to rounding");
        belowRadius.Should().Throw<LedgerFormatException>().WithMessage($"{path}:11: image 0 has ‖δ‖∞ 0.3, beyond the attack's ε 0.29.");
        otherLabels.Should().Throw<LedgerFormatException>().WithMessage($"{path}:13: image 2 has label 9; the data's label is 8.");
    }
}
