using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Reproduction.Tests.Support;
using static Kwta.Reproduction.Tests.Support.CliProcess;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary><c>kwta ledger merge</c> on shards cut from a committed, fresh cell: it joins only shards of the code's
/// current cell, never replaces a fresh file, refuses damaged shards naming them, and removes the shards only once
/// the joined file reads back equal.</summary>
public class LedgerMergeCommandTests : ScratchDirectoryTest
{
    static readonly LedgerCell Pgd = new(LedgerScale.Fixtures, "mnist-cnn-relu", "pgd"), Vga = Pgd with { Attack = "vga" };
    static readonly LedgerFile Committed = LedgerFile.Read(Pgd.PathIn(RepositoryLayout.Ledger));
    static readonly string StaleModel = new('b', 64);

    string CellPath => Pgd.PathIn(scratch);

    string ShardPath(int number, int of, LedgerCell? cell = null) => new LedgerShard(number, of).PathFor((cell ?? Pgd).PathIn(scratch));

    (int ExitCode, string Output) Merge(LedgerCell? cell = null) =>
        Run("ledger", "merge", "--model", Pgd.Model, "--attack", (cell ?? Pgd).Attack, "--ledger", scratch);

    /// <summary>Writes the committed cell as its <paramref name="of"/> shards, each with <paramref name="header"/>'s changes.</summary>
    void WriteShards(int of, Func<LedgerHeader, LedgerHeader>? header = null, LedgerCell? cell = null)
    {
        var committed = cell is null ? Committed : LedgerFile.Read(cell.PathIn(RepositoryLayout.Ledger));
        var images = IndexRanges.Parse(committed.Header.Images);
        for (int number = 1; number <= of; number++)
        {
            var shard = new LedgerShard(number, of);
            var block = shard.Select(images).ToHashSet();
            var shardHeader = committed.Header with { Shard = shard.ToString() };
            new LedgerFile(header?.Invoke(shardHeader) ?? shardHeader, [.. committed.Outcomes.Where(o => block.Contains(o.Index))])
                .Write(ShardPath(number, of, cell));
        }
    }

    /// <summary>The model folder's files and their text, without the lock file a build or merge leaves there.</summary>
    Dictionary<string, string> Files() =>
        Directory.GetFiles(Path.GetDirectoryName(CellPath)!).Where(path => Path.GetFileName(path) != RunFolderLock.FileName)
                 .ToDictionary(path => Path.GetFileName(path)!, File.ReadAllText);

    [Test]
    public void Stale_shards_beside_a_fresh_cell_are_refused_naming_the_shard_and_why_and_nothing_changes()
    {
        Committed.Write(CellPath);
        WriteShards(2, h => h with { ModelSha256 = StaleModel });
        var before = Files();

        ShouldBeOneLineError(Merge(), 1, $"{ShardPath(1, 2)}: stale shard, the model's weights changed (sha256 bbbbbbbbbbbb… → 400d94ae33fc…)");
        Files().Should().BeEquivalentTo(before);
    }

    [Test]
    public void Fresh_shards_never_replace_a_fresh_cell_and_nothing_changes()
    {
        Committed.Write(CellPath);
        WriteShards(2);
        var before = Files();

        ShouldBeOneLineError(Merge(), 1, $"{CellPath} is fresh: merge never replaces a fresh cell; its 2 shard files are left as they are");
        Files().Should().BeEquivalentTo(before);
    }

    [Test]
    public void A_shard_with_a_row_twice_is_refused_naming_the_shard_file_and_nothing_is_merged()
    {
        WriteShards(2);
        File.AppendAllText(ShardPath(1, 2), File.ReadLines(ShardPath(1, 2)).Last() + "\n");
        var before = Files();

        ShouldBeOneLineError(Merge(), 1, $"{ShardPath(1, 2)}:512: image 499 appears twice (also line 511).");
        Files().Should().BeEquivalentTo(before);
    }

    [Test]
    public void A_shard_missing_its_last_row_is_refused_naming_the_shard_file()
    {
        WriteShards(2);
        var lines = File.ReadAllLines(ShardPath(2, 2));
        File.WriteAllText(ShardPath(2, 2), string.Join("\n", lines[..^1]) + "\n");

        ShouldBeOneLineError(Merge(), 1, $"{ShardPath(2, 2)}:511: no row for image(s) 999, which the header names: the file is incomplete.");
        File.Exists(CellPath).Should().BeFalse();
    }

    [Test]
    public void A_targeted_shard_whose_last_image_lost_a_targets_row_is_refused_naming_the_shard_file()
    {
        WriteShards(2, cell: Vga);
        var lines = File.ReadAllLines(ShardPath(2, 2, Vga));
        lines[^1].Should().StartWith("319,", "the last image is 319, attacked towards each of its 9 wrong classes");
        File.WriteAllText(ShardPath(2, 2, Vga), string.Join("\n", lines[..^1]) + "\n");

        ShouldBeOneLineError(Merge(Vga), 1, $"{ShardPath(2, 2, Vga)}:12: image 319 has 8 target rows, image 160 9: a targeted cell attacks every image towards the same classes.");
        File.Exists(Vga.PathIn(scratch)).Should().BeFalse();
    }

    [Test]
    public void A_shard_cut_inside_its_last_rows_margin_is_refused_naming_the_shard_file()
    {
        WriteShards(2);
        var text = File.ReadAllText(ShardPath(2, 2));
        text.Should().EndWith(",-25.020369\n", "the cut below leaves a margin that still parses");
        File.WriteAllText(ShardPath(2, 2), text[..^3]);

        ShouldBeOneLineError(Merge(), 1, ShardPath(2, 2));
        File.Exists(CellPath).Should().BeFalse();
        File.Exists(ShardPath(2, 2)).Should().BeTrue();
    }

    [Test]
    public void Fresh_shards_replace_a_stale_cell_with_the_committed_outcomes_and_are_then_removed()
    {
        Committed.Header.StaleAgainst(Committed.Header).Should().BeEmpty();
        new LedgerFile(Committed.Header with { ModelSha256 = StaleModel }, Committed.Outcomes).Write(CellPath);
        WriteShards(2);

        var run = Merge();

        run.ExitCode.Should().Be(0, run.Output);
        var merged = LedgerFile.Read(CellPath);
        merged.Outcomes.Should().Equal(Committed.Outcomes);
        merged.Header.StaleAgainst(Committed.Header).Should().BeEmpty();
        Files().Keys.Should().Equal(Path.GetFileName(CellPath));
    }
}
