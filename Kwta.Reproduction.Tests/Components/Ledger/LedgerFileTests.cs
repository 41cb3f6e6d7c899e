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
        FluentActions.Invoking(() => LedgerRows.CheckAgainst(file, path, 0.3, labels[..7])).Should().NotThrow("image 7 is beyond the labels given");
        FluentActions.Invoking(() => LedgerRows.CheckAgainst(file, path, 0.2, labels)).Should().Throw<LedgerFormatException>().WithMessage($"{path}:11:*");
        FluentActions.Invoking(() => LedgerRows.CheckAgainst(new LedgerFile(file.Header, [Outcomes[3], Outcomes[2]]) { FirstRowLine = 11 }, path, 0.2, labels))
            .Should().Throw<LedgerFormatException>().WithMessage($"{path}:12: image 2 has ‖δ‖∞ 0.29999998, beyond the attack's ε 0.2.");
        belowRadius.Should().Throw<LedgerFormatException>().WithMessage($"{path}:11: image 0 has ‖δ‖∞ 0.3, beyond the attack's ε 0.29.");
        otherLabels.Should().Throw<LedgerFormatException>().WithMessage($"{path}:13: image 2 has label 9; the data's label is 8.");
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(scratch, "none.csv");
        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<FileNotFoundException>().WithMessage($"{path}: no such ledger file.");
    }

    [TestCase("# kwta ledger v1", "# kwta ledger v2", "1: does not start with '# kwta ledger v1'.")]
    [TestCase("# machine: test CPU", "# machine test CPU", "8: expected '# key: value'.")]
    [TestCase("# data-sha256: ", "# data: ", "1: the header has no 'data-sha256'.")]
    [TestCase("index,label,", "image,label,", "10: expected the columns line 'index,label,target,clean_prediction,adversarial_prediction,linf_norm,margin'.")]
    [TestCase("\n1,0,,0,0,0.1,3.5\n", "\n1,0,,0,0,0.1\n", "12: expected 7 fields (index,label,target,clean_prediction,adversarial_prediction,linf_norm,margin), found 6.")]
    [TestCase("\n1,0,,0,0,0.1,3.5\n", "\n1,0,,0,0,0.1,big\n", "12: 'big' is not a number.")]
    public void A_file_that_is_no_ledger_file_is_refused_naming_the_line(string written, string edited, string message)
    {
        var path = Written();
        File.WriteAllText(path, File.ReadAllText(path).Replace(written, edited));

        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<LedgerFormatException>().WithMessage($"{path}:{message}");
    }

    [Test]
    public void A_file_of_only_a_header_is_refused_at_its_missing_columns_line()
    {
        var path = Path.Combine(scratch, "pgd.csv");
        File.WriteAllText(path, Header.Format());

        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<LedgerFormatException>().WithMessage($"{path}:10: expected the columns line*");
    }

    [Test]
    public void A_header_names_a_change_of_images_and_of_data_with_both_values()
    {
        var current = Header with { Images = "0-7", DataSha256 = new string('d', 64) };

        Header.StaleAgainst(current).Should().Equal(
            "the images changed (ledger: 0-2,7; now: 0-7)",
            $"the data changed (sha256 {new string('b', 12)}… → {new string('d', 12)}…)");
        Header.StaleAgainst(Header with { Machine = "other", Built = "now", Shard = "1/2" }).Should().BeEmpty("where and when a cell was built is no input");
        (Header with { ModelSha256 = new string('c', 64) }).StaleAgainst(Header).Should().Equal(
            $"the model's weights changed (sha256 {new string('c', 12)}… → {new string('a', 12)}…)");
    }

    [Test]
    public void A_header_is_written_as_key_value_lines_with_the_settings_digest_and_a_shard_line_only_for_a_shard()
    {
        Header.Format().Should().Be(
            "# kwta ledger v1\n# cell: fixtures/m/pgd\n# attack: PGD-L∞ ε=0.3 step=0.01 steps=40 seed=1\n# images: 0-2,7\n" +
            $"# settings-sha256: {Header.SettingsSha256}\n# model-sha256: {new string('a', 64)}\n# data-sha256: {new string('b', 64)}\n" +
            "# machine: test CPU\n# built: 2026-11-26T00:00:00Z\n");
        (Header with { Shard = "2/3" }).Format().Should().EndWith("# built: 2026-11-26T00:00:00Z\n# shard: 2/3\n");
        Header.SettingsSha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("PGD-L∞ ε=0.3 step=0.01 steps=40 seed=1\n0-2,7"))));
    }

    static readonly AttackOutcome[] TargetedOutcomes =
    [
        new(0, 1, 2, 1, 1, 0.1f, 1f), new(0, 1, 3, 1, 3, 0.1f, -1f),
        new(1, 0, 2, 0, 2, 0.1f, -1f), new(1, 0, 3, 0, 0, 0.1f, 1f),
    ];

    [Test]
    public void A_targeted_file_holds_every_image_towards_the_same_number_of_targets_none_its_own_label()
    {
        var header = Header with { Images = "0-1" };
        var path = Path.Combine(scratch, "vga.csv");
        new LedgerFile(header, TargetedOutcomes).Write(path);
        LedgerFile.Read(path).Outcomes.Should().Equal(TargetedOutcomes);

        new LedgerFile(header, TargetedOutcomes[..3]).Write(path);
        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<LedgerFormatException>().WithMessage(
            $"{path}:11: image 1 has 1 target rows, image 0 2: a targeted cell attacks every image towards the same classes.");

        new LedgerFile(header, TargetedOutcomes).Write(path);
        var lines = File.ReadAllLines(path);
        (lines[10], lines[11]) = (lines[11], lines[10]);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<LedgerFormatException>().WithMessage(
            $"{path}:12: image 0, target 2, comes after image 0, target 3,: rows must be in image order.");

        new LedgerFile(header, [.. TargetedOutcomes[..3], TargetedOutcomes[3] with { Target = 0 }]).Write(path);
        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<LedgerFormatException>().WithMessage(
            $"{path}:13: image 1, target 0, targets its own label.");
    }

    [TestCase(-0.1f, "image 0 has ‖δ‖∞ -0.1.")]
    [TestCase(float.PositiveInfinity, "image 0 has ‖δ‖∞ Infinity.")]
    [TestCase(float.NaN, "image 0 has ‖δ‖∞ NaN.")]
    public void A_perturbation_size_that_is_no_size_is_refused(float linf, string message)
    {
        var path = Path.Combine(scratch, "pgd.csv");
        new LedgerFile(Header, [Outcomes[1] with { LinfNorm = linf }, .. Outcomes.Where(o => o.Index != 0)]).Write(path);

        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<LedgerFormatException>().WithMessage($"{path}:11: {message}");
    }

    [Test]
    public void A_robust_row_with_a_negative_margin_is_refused_and_a_zero_margin_agrees_with_either_prediction()
    {
        var path = Path.Combine(scratch, "pgd.csv");
        new LedgerFile(Header, [.. Outcomes.Select(o => o.Index == 1 ? o with { Margin = -0.5f } : o)]).Write(path);
        FluentActions.Invoking(() => LedgerFile.Read(path)).Should().Throw<LedgerFormatException>().WithMessage(
            $"{path}:12: image 1 has margin -0.5 but adversarial prediction 0 for label 0: the margin's sign must say the same.");

        new LedgerFile(Header, [.. Outcomes.Select(o => o.Index <= 1 ? o with { Margin = 0, LinfNorm = 0 } : o)]).Write(path);
        LedgerFile.Read(path).Outcomes.Should().HaveCount(4, "a margin of 0 agrees with either prediction, and ‖δ‖∞ may be 0");
    }

    [Test]
    public void A_finished_file_of_no_images_has_no_rows()
    {
        var path = Path.Combine(scratch, "none.csv");
        new LedgerFile(Header with { Images = "" }, []).Write(path);

        LedgerFile.Read(path).Outcomes.Should().BeEmpty();
    }
}
