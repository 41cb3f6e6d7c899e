using Kwta.Model.Evaluation;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;
using static Kwta.Reproduction.Tests.Support.CliProcess;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary><c>kwta ledger</c>'s refusals, each before any attack runs, and its stale-ledger message.</summary>
public class LedgerCommandTests : ScratchDirectoryTest
{
    [Test]
    public void A_stale_cell_fails_verification_naming_what_changed_and_the_command_that_rebuilds_it()
    {
        var cell = new LedgerCell(LedgerScale.Fixtures, "mnist-cnn-relu", "pgd");
        var header = new LedgerHeader(cell.ToString(), "PGD-L∞ ε=0.3 step=0.02 steps=40 random start=yes restarts=1 seed=2020", "0-999",
            ModelManifest.Load(RepositoryLayout.Models).Get("mnist-cnn-relu", RepositoryLayout.Models).Sha256,
            LedgerData.Sha256(TestData.Mnist), "test", "2026-11-26T00:00:00Z");
        var labels = TestData.Mnist.Labels;
        new LedgerFile(header, [.. Enumerable.Range(0, 1000).Select(i => new AttackOutcome(i, labels[i], null, labels[i], (labels[i] + 1) % 10, 0.3, -1))])
            .Write(cell.PathIn(scratch));

        var run = Run("ledger", "verify", "--model", "mnist-cnn-relu", "--attack", "pgd", "--ledger", scratch);

        ShouldBeOneLineError(run, 1, $"stale ledger {cell.PathIn(scratch)}: the attack's settings changed (ledger: PGD-L∞ ε=0.3 step=0.02");
        run.Output.Should().Contain("code: PGD-L∞ ε=0.3 step=0.01").And.Contain($"Rebuild it with `{cell.BuildCommand}`");
    }

    [Test]
    public void Verifying_a_cell_that_was_never_built_names_the_build_command() =>
        ShouldBeOneLineError(Run("ledger", "verify", "--model", "mnist-cnn-kwta-0.1", "--attack", "bpda", "--ledger", scratch), 1,
                             "kwta ledger build --scale fixtures --model mnist-cnn-kwta-0.1 --attack bpda");

    [Test]
    public void The_full_scale_without_data_is_refused() =>
        ShouldBeOneLineError(Run("ledger", "build", "--scale", "full", "--ledger", scratch), 1, "--data");

    [Test]
    public void An_unknown_model_or_attack_is_refused()
    {
        ShouldBeOneLineError(Run("ledger", "build", "--model", "resnet18-w16-nope", "--ledger", scratch), 1, "resnet18-w16-nope");
        ShouldBeOneLineError(Run("ledger", "build", "--attack", "fgsm", "--ledger", scratch), 1, "unknown attack column 'fgsm'");
        Directory.EnumerateFileSystemEntries(scratch).Should().BeEmpty();
    }

    [Test]
    public void Merging_without_shard_files_is_an_error_rather_than_a_silent_success() =>
        ShouldBeOneLineError(Run("ledger", "merge", "--ledger", scratch), 1, "no shard files to merge");

    /// <summary>A models folder that ships only mnist-cnn's ReLU model, as the repository's manifest lists it.</summary>
    string ModelsWithOnlyMnistRelu()
    {
        var folder = Path.Combine(scratch, "models");
        Directory.CreateDirectory(folder);
        var relu = ModelManifest.Load(RepositoryLayout.Models).Get("mnist-cnn-relu", RepositoryLayout.Models);
        File.Copy(ModelManifest.WeightsPath(relu, RepositoryLayout.Models), Path.Combine(folder, relu.File));
        new ModelManifest { Models = [relu] }.Save(folder);
        return folder;
    }

    [Test]
    public void A_build_that_includes_unshipped_models_is_refused_before_any_cell_naming_them()
    {
        var ledger = Path.Combine(scratch, "ledger");

        ShouldBeOneLineError(Run("ledger", "build", "--family", "mnist-cnn", "--models", ModelsWithOnlyMnistRelu(), "--ledger", ledger), 1,
                             "mnist-cnn-kwta-0.1, mnist-cnn-kwta-0.2 not in");
        Directory.Exists(ledger).Should().BeFalse("no cell, not even the shipped model's, is started");
    }

    [Test]
    public void Status_says_which_cells_wait_for_an_unshipped_model_and_reads_the_others()
    {
        var run = Run("ledger", "status", "--family", "mnist-cnn", "--attack", "pgd", "--models", ModelsWithOnlyMnistRelu(), "--ledger", scratch);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("fixtures/mnist-cnn-relu/pgd: missing")
            .And.Contain("fixtures/mnist-cnn-kwta-0.1/pgd: not buildable, mnist-cnn-kwta-0.1 not shipped");
    }

    [Test]
    public void Status_says_a_cell_waits_for_its_missing_shards_rather_than_that_it_is_missing()
    {
        var cell = new LedgerCell(LedgerScale.Fixtures, "mnist-cnn-relu", "pgd");
        var committed = LedgerFile.Read(cell.PathIn(RepositoryLayout.Ledger));
        foreach (var shard in new[] { new LedgerShard(1, 4), new LedgerShard(2, 4) })
            new LedgerFile(committed.Header with { Shard = shard.ToString() }, []).Write(shard.PathFor(cell.PathIn(scratch)));

        var run = Run("ledger", "status", "--model", "mnist-cnn-relu", "--attack", "pgd", "--ledger", scratch);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Trim().Should().Be("fixtures/mnist-cnn-relu/pgd: not merged, 2 of 4 shards present (3/4, 4/4 missing); " +
                                      "merge them with `kwta ledger merge --scale fixtures --model mnist-cnn-relu --attack pgd` once all are built");
    }

    [Test]
    public void A_build_of_a_model_whose_ledger_folder_another_kwta_process_holds_fails_at_once()
    {
        var cell = CopyOfFreshCell();
        var modelFolder = Path.GetDirectoryName(cell.PathIn(scratch))!;
        using var otherBuild = RunFolderLock.Acquire(modelFolder);

        ShouldBeOneLineError(Run("ledger", "build", "--model", "mnist-cnn-relu", "--attack", "pgd", "--ledger", scratch), 1,
                             $"{modelFolder} is in use by another kwta process (it holds {RunFolderLock.FileName})");
    }

    [Test]
    public void A_build_goes_on_beside_another_process_building_another_model_into_the_same_ledger()
    {
        CopyOfFreshCell();
        using var otherBuild = RunFolderLock.Acquire(Path.GetDirectoryName(new LedgerCell(LedgerScale.Fixtures, "mnist-cnn-kwta-0.1", "pgd").PathIn(scratch))!);

        var run = Run("ledger", "build", "--model", "mnist-cnn-relu", "--attack", "pgd", "--ledger", scratch);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("fixtures/mnist-cnn-relu/pgd: fresh, skipped");
    }

    [Test]
    public void An_unknown_form_of_the_model_is_refused_naming_the_option_and_the_known_ones() =>
        ShouldBeOneLineError(Run("ledger", "verify", "--model", "mnist-cnn-relu", "--attack", "pgd", "--forward", "fast", "--ledger", scratch), 1,
                             "--forward: 'fast' is not a form of a model; known: as-trained, folded.");

    [Test]
    public void A_build_logs_what_it_cost_and_cost_estimates_the_whole_cell_from_it()
    {
        var run = Run("ledger", "build", "--model", "mnist-cnn-relu", "--attack", "pgd", "--shard", "1/100", "--ledger", scratch);
        run.ExitCode.Should().Be(0, run.Output);

        var logged = BuildLog.Read(scratch).Should().ContainSingle().Subject;
        logged.Should().BeEquivalentTo(new { Cell = "fixtures/mnist-cnn-relu/pgd", Shard = "1/100", Images = 10, Threads = Environment.ProcessorCount });
        logged.CpuSeconds.Should().BePositive();
        ForwardPaths.Of(logged.Machine).Should().Be(ForwardPath.Folded);
        var cost = Run("ledger", "cost", "--model", "mnist-cnn-relu", "--ledger", scratch);
        cost.ExitCode.Should().Be(0, cost.Output);
        cost.Output.Should().Contain("fixtures/mnist-cnn-relu/pgd: 1000 images × ").And.Contain("(from 10 logged)")
            .And.Contain("fixtures/mnist-cnn-relu/deepfool: no run logged on the folded form")
            .And.MatchRegex(@"total: \d+\.\d\d CPU h \(\d+\.\d\d h wall\) for 1 of \d+ cells; \d+ not logged, not counted\.");
    }

    /// <summary>The committed mnist-cnn-relu PGD cell and its digest in the scratch ledger: fresh, so a build that gets
    /// past the lock skips it.</summary>
    LedgerCell CopyOfFreshCell()
    {
        var cell = new LedgerCell(LedgerScale.Fixtures, "mnist-cnn-relu", "pgd");
        File.Copy(cell.PathIn(RepositoryLayout.Ledger), CreateFolderOf(cell.PathIn(scratch)));
        LedgerDigests.Record(cell, scratch);
        return cell;
    }

    static string CreateFolderOf(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    [Test]
    public void A_ledger_that_is_a_file_is_refused_before_any_image_is_attacked()
    {
        var file = Path.Combine(scratch, "ledger");
        File.WriteAllText(file, "");

        ShouldBeOneLineError(Run("ledger", "build", "--model", "mnist-cnn-relu", "--attack", "pgd", "--ledger", file), 1,
                             $"{file} is a file, not a folder");
    }

    [TestCase("0")]
    [TestCase("100000")]
    public void A_build_with_impossible_threads_is_refused(string threads) =>
        ShouldBeOneLineError(Run("ledger", "build", "--model", "mnist-cnn-relu", "--attack", "pgd", "--threads", threads, "--ledger", scratch), 1, "--threads");
}
