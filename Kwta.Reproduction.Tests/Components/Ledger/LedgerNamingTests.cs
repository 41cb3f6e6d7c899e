using Kwta.Model.Ledger;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>How the ledger names its scales, cells, shards and image sets, and what it says of a build in progress.</summary>
public class LedgerNamingTests : ScratchDirectoryTest
{
    static readonly LedgerCell Cell = new(LedgerScale.Fixtures, "mnist-cnn-relu", "pgd");

    [Test]
    public void A_scale_is_named_fixtures_or_full_and_nothing_else_reads_as_one()
    {
        (LedgerScale.Fixtures.Name(), LedgerScale.Full.Name()).Should().Be(("fixtures", "full"));
        (LedgerScales.Parse("fixtures"), LedgerScales.Parse("full")).Should().Be((LedgerScale.Fixtures, LedgerScale.Full));
        FluentActions.Invoking(() => LedgerScales.Parse("Full")).Should().Throw<ArgumentException>()
            .WithMessage("unknown ledger scale 'Full': expected fixtures or full.*");
        FluentActions.Invoking(() => ((LedgerScale)2).Name()).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void A_cell_lives_at_scale_model_attack_and_names_the_command_that_builds_it()
    {
        Cell.RelativePath.Should().Be(Path.Combine("fixtures", "mnist-cnn-relu", "pgd.csv"));
        Cell.PathIn("/ledger").Should().Be(Path.Combine("/ledger", "fixtures", "mnist-cnn-relu", "pgd.csv"));
        Cell.ToString().Should().Be("fixtures/mnist-cnn-relu/pgd");
        Cell.BuildCommand.Should().Be("kwta ledger build --scale fixtures --model mnist-cnn-relu --attack pgd");
        LedgerMerge.Command(Cell).Should().Be("kwta ledger merge --scale fixtures --model mnist-cnn-relu --attack pgd");
    }

    [TestCase("1/2/3")]
    [TestCase("0/2")]
    [TestCase("3/2")]
    [TestCase("1/0")]
    [TestCase("2")]
    [TestCase("a/2")]
    [TestCase("1/b")]
    [TestCase("-1/2")]
    public void A_shard_is_I_of_N_with_I_from_1_to_N(string text) =>
        FluentActions.Invoking(() => LedgerShard.Parse(text)).Should().Throw<ArgumentException>().WithMessage($"shard '{text}' is not I/N with 1 ≤ I ≤ N.");

    [Test]
    public void A_shard_s_file_sits_beside_the_cell_s_and_a_whole_cell_is_its_own()
    {
        LedgerShard.Parse("1/1").Should().Be(LedgerShard.Whole);
        LedgerShard.Whole.IsWhole.Should().BeTrue();
        new LedgerShard(1, 2).IsWhole.Should().BeFalse();
        LedgerShard.Whole.PathFor("/l/pgd.csv").Should().Be("/l/pgd.csv");
        new LedgerShard(2, 3).PathFor("/l/pgd.csv").Should().Be("/l/pgd.shard-2-of-3.csv");
        new LedgerShard(2, 3).ToString().Should().Be("2/3");
    }

    [Test]
    public void The_shard_files_beside_a_cell_are_listed_by_split_then_number_and_a_misnamed_one_is_refused()
    {
        var cellPath = Cell.PathIn(scratch);
        LedgerShard.FilesBeside(cellPath).Should().BeEmpty("the cell's folder does not exist yet");
        Directory.CreateDirectory(Path.GetDirectoryName(cellPath)!);
        foreach (var shard in new[] { new LedgerShard(2, 2), new LedgerShard(1, 3), new LedgerShard(1, 2) })
            File.WriteAllText(shard.PathFor(cellPath), "");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(cellPath)!, "fgsm.shard-1-of-2.csv"), "");

        LedgerShard.FilesBeside(cellPath).Select(f => (Path.GetFileName(f.Path), f.Shard.ToString())).Should().Equal(
            ("pgd.shard-1-of-2.csv", "1/2"), ("pgd.shard-2-of-2.csv", "2/2"), ("pgd.shard-1-of-3.csv", "1/3"));

        var misnamed = new LedgerShard(3, 2).PathFor(cellPath);
        File.WriteAllText(misnamed, "");
        FluentActions.Invoking(() => LedgerShard.FilesBeside(cellPath)).Should().Throw<InvalidDataException>()
            .WithMessage($"{misnamed}: not a shard file's name (ATTACK.shard-I-of-N.csv with 1 ≤ I ≤ N).");
    }

    [Test]
    public void Ledger_status_says_which_shards_wait_for_a_merge()
    {
        var cellPath = Cell.PathIn(scratch);
        LedgerMerge.Waiting(Cell, scratch).Should().BeNull("no shard folder exists");
        Directory.CreateDirectory(Path.GetDirectoryName(cellPath)!);
        LedgerMerge.HasShards(cellPath).Should().BeFalse();
        File.WriteAllText(new LedgerShard(2, 3).PathFor(cellPath), "");
        LedgerMerge.HasShards(cellPath).Should().BeTrue();

        LedgerMerge.Waiting(Cell, scratch).Should().Be(
            "not merged, 1 of 3 shards present (1/3, 3/3 missing); merge them with `kwta ledger merge --scale fixtures --model mnist-cnn-relu --attack pgd` once all are built");
        File.WriteAllText(new LedgerShard(1, 3).PathFor(cellPath), "");
        File.WriteAllText(new LedgerShard(3, 3).PathFor(cellPath), "");
        LedgerMerge.Waiting(Cell, scratch).Should().Be(
            "not merged, 3 of 3 shards present; merge them with `kwta ledger merge --scale fixtures --model mnist-cnn-relu --attack pgd`");
        File.WriteAllText(new LedgerShard(1, 2).PathFor(cellPath), "");
        LedgerMerge.Waiting(Cell, scratch).Should().Be("not merged, shard files of different splits (1/2, 1/3, 2/3, 3/3)");
    }

    [TestCase("3-1", "'3-1' in '3-1' is not an index or a range FIRST-LAST.")]
    [TestCase("1-2-3", "'1-2-3' in '1-2-3' is not an index or a range FIRST-LAST.")]
    [TestCase("0,x", "'x' in '0,x' is not an image index.")]
    [TestCase("-1", "'' in '-1' is not an image index.")]
    [TestCase("+1", "'+1' in '+1' is not an image index.")]
    public void An_image_set_that_is_no_list_of_indices_and_ranges_is_refused(string text, string message) =>
        FluentActions.Invoking(() => IndexRanges.Parse(text)).Should().Throw<FormatException>().WithMessage(message);

    [Test]
    public void Index_ranges_read_around_spaces_and_an_empty_set_is_empty()
    {
        IndexRanges.Parse(" 1 , 3-4 ,6").Should().Equal(1, 3, 4, 6);
        IndexRanges.Parse("").Should().BeEmpty();
        IndexRanges.Format([]).Should().BeEmpty();
        IndexRanges.Format([4]).Should().Be("4");
        IndexRanges.Format([4, 5]).Should().Be("4-5");
    }

    [Test]
    public void A_build_s_progress_estimates_the_time_left_from_this_run_s_pace_only()
    {
        // 20 images in 10 s this run (10 more resumed from a partial file): 0.5 s each for the 70 left.
        var progress = new CellProgress("fixtures/m/pgd", Done: 30, Total: 100, DoneThisRun: 20, Elapsed: TimeSpan.FromSeconds(10));

        progress.Remaining.Should().Be(TimeSpan.FromSeconds(35));
        progress.ToString().Should().Be("fixtures/m/pgd: 30/100 images, 00:00:10 elapsed, about 00:00:35 left");
        var resumedOnly = progress with { DoneThisRun = 0 };
        resumedOnly.Remaining.Should().BeNull();
        resumedOnly.ToString().Should().Be("fixtures/m/pgd: 30/100 images, 00:00:10 elapsed");
    }
}
