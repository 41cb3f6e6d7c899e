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
}
