using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Ledger;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>A cell built whole, in shards, or across a kill gives the same file, image by image.</summary>
public class CellBuildTests : ScratchDirectoryTest
{
    static readonly int[] Images = [.. Enumerable.Range(0, 40)];
    nn.Module<Tensor, Tensor> model = null!;
    LinfPgd attack = null!;

    [SetUp]
    public void CreateModel()
    {
        model = RandomModels.Mlp(seed: 5, inputs: 28 * 28, hidden: 32, classes: 10);
        attack = PgdPresets.Create("paper", seed: 3, threat: ThreatModel.Mnist);
    }

    [TearDown] public void DisposeModel() => model.Dispose();

    LedgerHeader Identity(LinfPgd? other = null) =>
        new(Cell.ToString(), (other ?? attack).ToString(), IndexRanges.Format(Images), new string('a', 64),
            LedgerData.Sha256(TestData.Mnist), "", "");

    IReadOnlyList<AttackOutcome> Evaluate(int[] batch) => RobustAccuracy.Evaluate(model, attack, TestData.Mnist, batch, batchSize: 8).Outcomes;

    static readonly LedgerCell Cell = new(LedgerScale.Fixtures, "mlp", "pgd");

    string CellPath => Cell.PathIn(scratch);

    LedgerFile Merge()
    {
        var merge = LedgerMerge.Prepare(Cell, scratch, Identity());
        merge.Commit();
        return merge.Merged;
    }

    [Test]
    public void Three_shards_merged_equal_one_unsharded_build_image_by_image()
    {
        var whole = Path.Combine(scratch, "whole", "pgd.csv");
        CellBuild.Run(Identity(), Images, LedgerShard.Whole, whole, Evaluate, batchSize: 16);
        for (int shard = 3; shard >= 1; shard--) // out of order, as shards from several machines arrive
            CellBuild.Run(Identity(), Images, new LedgerShard(shard, 3), CellPath, Evaluate, batchSize: 16);

        var merged = Merge();

        merged.Outcomes.Should().Equal(LedgerFile.Read(whole).Outcomes);
        merged.Header.StaleAgainst(Identity()).Should().BeEmpty();
        Directory.GetFiles(Path.GetDirectoryName(CellPath)!).Should().Equal([CellPath]);
    }

    [Test]
    public void A_build_killed_after_two_batches_resumes_from_its_partial_file_to_the_uninterrupted_result()
    {
        var uninterrupted = Path.Combine(scratch, "whole", "pgd.csv");
        CellBuild.Run(Identity(), Images, LedgerShard.Whole, uninterrupted, Evaluate, batchSize: 8);
        int batches = 0;
        IReadOnlyList<AttackOutcome> DiesInThirdBatch(int[] batch) =>
            ++batches == 3 ? throw new OperationCanceledException("killed") : Evaluate(batch);
        var killed = () => CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, DiesInThirdBatch, batchSize: 8);
        killed.Should().Throw<OperationCanceledException>();
        File.Exists(CellPath).Should().BeFalse("a cell is written only when finished");
        var evaluatedOnResume = new List<int>();

        CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, batch => { evaluatedOnResume.AddRange(batch); return Evaluate(batch); }, batchSize: 8);

        evaluatedOnResume.Should().Equal(Images[16..], "the two finished batches were kept");
        LedgerFile.Read(CellPath).Outcomes.Should().Equal(LedgerFile.Read(uninterrupted).Outcomes);
        File.Exists(CellPath + CellBuild.PartialSuffix).Should().BeFalse();
    }

    [Test]
    public void A_fresh_cell_is_left_alone_and_a_cell_of_other_attack_settings_is_rebuilt()
    {
        CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Evaluate, batchSize: 40);
        int calls = 0;
        IReadOnlyList<AttackOutcome> Counted(int[] batch) { calls++; return Evaluate(batch); }

        CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Counted, batchSize: 40).Should().Be(CellBuild.Result.AlreadyFresh);
        var changedStep = new LinfPgd(0.3, stepSize: 0.02, steps: 40, randomStart: true, seed: 3);
        CellBuild.Run(Identity(changedStep), Images, LedgerShard.Whole, CellPath, Counted, batchSize: 40).Should().Be(CellBuild.Result.Built);

        calls.Should().Be(1);
        LedgerFile.Read(CellPath).Header.Attack.Should().Contain("step=0.02");
    }

    [Test]
    public void Merging_refuses_a_missing_shard_and_an_image_in_two_shards()
    {
        CellBuild.Run(Identity(), Images, new LedgerShard(1, 2), CellPath, Evaluate, batchSize: 40);
        var missing = () => Merge();
        missing.Should().Throw<InvalidDataException>().WithMessage("*shard(s) 2/2 missing.");

        CellBuild.Run(Identity(), Images, new LedgerShard(2, 2), CellPath, Evaluate, batchSize: 40);
        var second = new LedgerShard(2, 2).PathFor(CellPath);
        var file = LedgerFile.Read(second);
        new LedgerFile(file.Header, [.. file.Outcomes, LedgerFile.Read(new LedgerShard(1, 2).PathFor(CellPath)).Outcomes[0]]).Write(second);
        var twice = () => Merge();

        twice.Should().Throw<LedgerFormatException>().WithMessage($"{second}:*: image 0 is not one of the shard 2/2's images.");
        File.Exists(CellPath).Should().BeFalse();
    }

    [Test]
    public void Shards_split_a_cell_into_disjoint_contiguous_blocks_that_cover_it()
    {
        var blocks = Enumerable.Range(1, 3).Select(i => new LedgerShard(i, 3).Select(Images)).ToList();

        blocks.SelectMany(b => b).Should().Equal(Images);
        blocks.Select(b => b.Count).Should().Equal(13, 13, 14);
        LedgerShard.Parse("2/3").Should().Be(new LedgerShard(2, 3));
        var bad = () => LedgerShard.Parse("4/3");
        bad.Should().Throw<ArgumentException>().WithMessage("shard '4/3' is not I/N*");
    }

    [Test]
    public void A_cell_refused_as_edited_is_rebuilt_to_the_rows_its_build_gave_though_its_header_is_fresh()
    {
        CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Evaluate, batchSize: 16);
        var built = LedgerFile.Read(CellPath).Outcomes;
        var lines = File.ReadAllLines(CellPath);
        int row = Array.FindIndex(lines, l => l.StartsWith("5,", StringComparison.Ordinal));
        lines[row] += "1"; // one more digit of margin: still a valid row, no longer the built one
        File.WriteAllText(CellPath, string.Join('\n', lines) + "\n");
        int evaluated = 0;
        IReadOnlyList<AttackOutcome> Counting(int[] batch) { evaluated += batch.Length; return Evaluate(batch); }

        var trusted = CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Counting, batchSize: 16);
        int afterTrusted = evaluated;
        var distrusted = CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Counting, batchSize: 16, distrusted: true);

        (trusted, afterTrusted).Should().Be((CellBuild.Result.AlreadyFresh, 0), "a fresh header alone makes a build skip the cell");
        (distrusted, evaluated).Should().Be((CellBuild.Result.Built, Images.Length));
        LedgerFile.Read(CellPath).Outcomes.Should().Equal(built);
    }

    /// <summary>Outcomes without an attack: every image robust with label 1, for tests of the bookkeeping alone.</summary>
    static IReadOnlyList<AttackOutcome> Unattacked(int[] batch) => [.. batch.Select(i => new AttackOutcome(i, 1, null, 1, 1, 0.1, 1))];

    [Test]
    public void A_build_refuses_images_other_than_its_header_s() =>
        FluentActions.Invoking(() => CellBuild.Run(Identity(), Images[1..], LedgerShard.Whole, CellPath, Unattacked, batchSize: 16))
            .Should().Throw<ArgumentException>().WithMessage("fixtures/mlp/pgd: the images given are not the header's (0-39).*");

    [Test]
    public void Progress_counts_resumed_images_as_done_but_not_as_this_run_s()
    {
        var progress = new List<CellProgress>();
        int batches = 0;
        IReadOnlyList<AttackOutcome> DiesInThirdBatch(int[] batch) => ++batches == 3 ? throw new OperationCanceledException("killed") : Unattacked(batch);
        FluentActions.Invoking(() => CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, DiesInThirdBatch, batchSize: 16, progress.Add))
            .Should().Throw<OperationCanceledException>();

        CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Unattacked, batchSize: 16, progress.Add);

        progress.Select(p => (p.Cell, p.Done, p.Total, p.DoneThisRun)).Should().Equal(
            ("fixtures/mlp/pgd", 16, 40, 16), ("fixtures/mlp/pgd", 32, 40, 32), ("fixtures/mlp/pgd", 40, 40, 8));
        var header = LedgerFile.Read(CellPath).Header;
        header.Shard.Should().BeEmpty("a whole cell is no shard");
        header.Built.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
    }

    [Test]
    public void A_partial_file_left_beside_a_finished_cell_is_removed_and_a_shard_of_a_fresh_cell_is_not_built()
    {
        CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Unattacked, batchSize: 40);
        File.WriteAllText(CellPath + CellBuild.PartialSuffix, "left by a kill after the rename");

        CellBuild.Run(Identity(), Images, LedgerShard.Whole, CellPath, Unattacked, batchSize: 40).Should().Be(CellBuild.Result.AlreadyFresh);
        CellBuild.Run(Identity(), Images, new LedgerShard(1, 2), CellPath, Unattacked, batchSize: 40).Should().Be(CellBuild.Result.AlreadyFresh);

        Directory.GetFiles(Path.GetDirectoryName(CellPath)!).Should().Equal([CellPath]);
    }

    [Test]
    public void A_fresh_shard_is_left_alone_and_a_partial_file_of_other_settings_is_started_over()
    {
        var shard = new LedgerShard(2, 2);
        CellBuild.Run(Identity(), Images, shard, CellPath, Unattacked, batchSize: 40);
        var evaluated = new List<int>();
        IReadOnlyList<AttackOutcome> Recorded(int[] batch) { evaluated.AddRange(batch); return Unattacked(batch); }
        CellBuild.Run(Identity(), Images, shard, CellPath, Recorded, batchSize: 40).Should().Be(CellBuild.Result.AlreadyFresh);

        var otherStep = new LinfPgd(0.3, stepSize: 0.02, steps: 40, randomStart: true, seed: 3);
        var partial = new LedgerShard(1, 2).PathFor(CellPath) + CellBuild.PartialSuffix;
        new LedgerFile(Identity(otherStep) with { Shard = "1/2", Built = LedgerHeader.InProgress }, Unattacked([0, 1, 2])).Write(partial);
        CellBuild.Run(Identity(), Images, new LedgerShard(1, 2), CellPath, Recorded, batchSize: 40).Should().Be(CellBuild.Result.Built);

        evaluated.Should().Equal(Images[..20], "the partial file's three images were of another attack");
    }
}
