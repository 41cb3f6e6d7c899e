using Kwta.Model.Evaluation;
using Kwta.Model.Ledger;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>Joining a cell's shard files: what the merged file holds, and each refusal, which names the file and leaves everything as it was.</summary>
public class LedgerMergeTests : ScratchDirectoryTest
{
    static readonly LedgerCell Cell = new(LedgerScale.Fixtures, "m", "pgd");
    static readonly LedgerHeader Identity = new(Cell.ToString(), "PGD steps=40", "0-3", new string('a', 64), new string('b', 64), "", "");

    /// <summary>Image i of label 1, robust with margin 1.</summary>
    static AttackOutcome Robust(int image, int? target = null) => new(image, 1, target, 1, 1, 0.1f, 1f);

    string CellPath => Cell.PathIn(scratch);

    string Shard(int number, int of, IEnumerable<AttackOutcome> outcomes, LedgerHeader? header = null, string? shardInHeader = null)
    {
        var path = new LedgerShard(number, of).PathFor(CellPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new LedgerFile((header ?? Identity) with { Shard = shardInHeader ?? $"{number}/{of}", Machine = $"cpu {number}", Built = $"2026-01-0{number}" }, [.. outcomes]).Write(path);
        return path;
    }

    LedgerMerge.Prepared Prepare() => LedgerMerge.Prepare(Cell, scratch, Identity);

    [Test]
    public void The_merged_cell_holds_every_shard_s_rows_in_order_their_machines_and_the_last_build_time()
    {
        var second = Shard(2, 2, [Robust(3), Robust(2)]);
        var first = Shard(1, 2, [Robust(1), Robust(0)]);

        var merge = Prepare();

        merge.Merged.Header.Should().Be(Identity with { Machine = "cpu 1 | cpu 2", Built = "2026-01-02" });
        merge.Merged.Outcomes.Select(o => o.Index).Should().Equal(0, 1, 2, 3);
        merge.ShardPaths.Should().Equal(first, second);
        File.Exists(CellPath).Should().BeFalse("nothing is written before the commit");
        merge.Commit();
        LedgerFile.Read(CellPath).Should().Match<LedgerFile>(f => f.Header == merge.Merged.Header && f.Outcomes.SequenceEqual(merge.Merged.Outcomes));
        File.Exists(first).Should().BeFalse();
        File.Exists(second).Should().BeFalse();
    }

    [Test]
    public void Shards_built_on_one_machine_name_it_once()
    {
        Shard(1, 2, [Robust(0), Robust(1)], Identity);
        var path = Shard(2, 2, [Robust(2), Robust(3)]);
        File.WriteAllText(path, File.ReadAllText(path).Replace("# machine: cpu 2", "# machine: cpu 1"));

        Prepare().Merged.Header.Machine.Should().Be("cpu 1");
    }

    [Test]
    public void A_cell_without_shard_files_has_nothing_to_merge() =>
        FluentActions.Invoking(Prepare).Should().Throw<FileNotFoundException>().WithMessage($"{CellPath}: no shard files (CELL.shard-I-of-N.csv) to merge.");

    [Test]
    public void Shards_of_different_splits_are_refused()
    {
        Shard(1, 2, [Robust(0), Robust(1)]);
        Shard(1, 3, [Robust(0)]);

        FluentActions.Invoking(Prepare).Should().Throw<InvalidDataException>().WithMessage($"{CellPath}: shards of different splits (1/2, 1/3).");
    }

    [Test]
    public void Shards_built_on_different_forms_of_the_model_are_refused()
    {
        Shard(1, 2, [Robust(0), Robust(1)]);
        var folded = new LedgerShard(2, 2).PathFor(CellPath);
        new LedgerFile(Identity with { Shard = "2/2", Machine = ForwardPaths.Machine(ForwardPath.Folded), Built = "2026-01-02" }, [Robust(2), Robust(3)]).Write(folded);

        FluentActions.Invoking(Prepare).Should().Throw<InvalidDataException>()
            .WithMessage($"{CellPath}: shards built on different forms of the model (as-trained: 1/2; folded: 2/2); rebuild them on one.");
    }

    [Test]
    public void A_shard_whose_header_names_another_shard_is_refused()
    {
        Shard(1, 2, [Robust(0), Robust(1)]);
        var path = Shard(2, 2, [Robust(0), Robust(1)], shardInHeader: "1/2");

        FluentActions.Invoking(Prepare).Should().Throw<InvalidDataException>().WithMessage($"{path}: its header says shard '1/2', its name 2/2.");
    }

    [Test]
    public void A_shard_of_another_cell_is_refused()
    {
        var path = Shard(1, 2, [Robust(0), Robust(1)], Identity with { Cell = "fixtures/m/fgsm" });
        Shard(2, 2, [Robust(2), Robust(3)]);

        FluentActions.Invoking(Prepare).Should().Throw<InvalidDataException>().WithMessage($"{path}: a shard of fixtures/m/fgsm, not of fixtures/m/pgd.");
    }

    [Test]
    public void A_stale_shard_is_refused_naming_why_and_the_command_that_rebuilds_it()
    {
        Shard(1, 2, [Robust(0), Robust(1)]);
        var path = Shard(2, 2, [Robust(2), Robust(3)], Identity with { ModelSha256 = new string('c', 64) });

        FluentActions.Invoking(Prepare).Should().Throw<InvalidDataException>().WithMessage(
            $"{path}: stale shard, the model's weights changed (sha256 cccccccccccc… → aaaaaaaaaaaa…); rebuild it with `kwta ledger build --scale fixtures --model m --attack pgd --shard 2/2`.");
    }

    [Test]
    public void Shards_never_replace_a_fresh_cell_but_do_replace_a_stale_one()
    {
        Shard(1, 2, [Robust(0), Robust(1)]);
        Shard(2, 2, [Robust(2), Robust(3)]);
        new LedgerFile(Identity with { Machine = "x", Built = "2026-01-01" }, [Robust(0), Robust(1), Robust(2), Robust(3)]).Write(CellPath);

        FluentActions.Invoking(Prepare).Should().Throw<InvalidDataException>().WithMessage(
            $"{CellPath} is fresh: merge never replaces a fresh cell; its 2 shard files are left as they are (remove them, or the cell's file to merge them instead).");

        new LedgerFile(Identity with { Attack = "PGD steps=20", Machine = "x", Built = "2026-01-01" }, [Robust(0), Robust(1), Robust(2), Robust(3)]).Write(CellPath);
        Prepare().Merged.Header.Attack.Should().Be("PGD steps=40");
    }

    [Test]
    public void A_targeted_shard_attacking_its_images_towards_fewer_targets_than_the_first_is_refused()
    {
        Shard(1, 2, [Robust(0, 2), Robust(0, 3), Robust(1, 2), Robust(1, 3)]);
        var path = Shard(2, 2, [Robust(2, 2), Robust(3, 2)]);

        FluentActions.Invoking(Prepare).Should().Throw<InvalidDataException>().WithMessage($"{path}: 1 rows per image, shard 1/2 2.");
    }
}
