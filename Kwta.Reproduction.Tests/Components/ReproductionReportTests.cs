using System.Text.Json;
using Kwta.Model.Claims;
using Kwta.Model.Families;
using Kwta.Model.Reporting;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary><c>kwta reproduce</c>'s report: every file in place, verdicts marked, nothing left staged.</summary>
public class ReproductionReportTests : ScratchDirectoryTest
{
    static FamilyResults MnistResults()
    {
        var results = new FamilyResults(ModelFamily.Mnist, ReproductionSettings.Default);
        foreach (var activation in ModelFamily.Activations)
        {
            results.ManifestCleanAccuracy[activation] = 0.99;
            foreach (var column in Enum.GetValues<ResultColumn>())
                results.Add(activation, column, [.. Enumerable.Range(0, 20).Select(i => column == ResultColumn.Clean || i < 10 && KeepsTen(column))]);
            results.SilentGradients[activation] = [.. Enumerable.Repeat(false, 20)];
        }
        results.EpochOneTestAccuracy = (0.9895, 0.8529);
        return results;
    }

    /// <summary>A run's result as <see cref="ReproductionRun.Execute"/> returns it, its checks decided on <paramref name="families"/>;
    /// each of <paramref name="undecided"/> is "FAMILY: REASON".</summary>
    static ReproductionResult Result(FamilyResults[] families, string[] undecided, TimeSpan elapsed) =>
        new(ReproductionSettings.Default, families,
            [.. undecided.Select(u => u.Split(": ", 2)).Select(p => new UndecidedFamily(ModelFamily.Get(p[0]), p.ElementAtOrDefault(1) ?? "not shipped"))],
            ReluInitialisation: null, Figures: null, ClaimChecks.All(families, null, null), elapsed);

    /// <summary>PGD and the attacks beside it leave the first 10 of 20 images robust on every model; the others break all 20.</summary>
    static bool KeepsTen(ResultColumn column) =>
        column is ResultColumn.Pgd or ResultColumn.Transfer || column.IsMaskingIndicator() && column != ResultColumn.PgdUnbounded;

    static readonly RecordedVerdicts Recorded = new(
    [
        new(ClaimsCatalogue.PgdRobustness, ClaimSubject.Model(ModelFamily.Mnist, ModelFamily.KwtaGamma01, ResultColumn.Pgd), ClaimOutcome.DoesNotHold),
        new(ClaimsCatalogue.ReluInitialisation, ClaimSubject.TrainingLogs(ModelFamily.Mnist, ModelFamily.KwtaGamma02), ClaimOutcome.Holds),
    ]);

    [Test]
    public void The_report_holds_the_claims_tables_results_and_badges_and_marks_recorded_refutations()
    {
        var directory = Path.Combine(scratch, "report");

        ReproductionReport.Write(directory, Result([MnistResults()], ["alexnet-cifar: its three models are not all in models.json"], TimeSpan.FromMinutes(1)), Recorded);

        var report = File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile));
        report.Should().Contain("Not decided: alexnet-cifar: its three models are not all in models.json.")
            .And.Contain("| C2 k-WTA is more robust than ReLU under white-box PGD | mnist-cnn | k-WTA 0.1 PGD | does not hold (recorded refutation) |")
            .And.Contain("| C6 k-WTA fine-tuned from ReLU weights beats k-WTA from random init after one epoch | mnist-cnn | training logs, k-WTA 0.2 epoch 1 | holds |")
            .And.Contain("| mnist-cnn | k-WTA 0.2 PGD | does not hold (not recorded) |", "a check without a recorded verdict says so")
            .And.Contain("## The paper's MNIST CNN");
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, ReproductionReport.ResultsFile)));
        results.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("column").GetString())
            .Should().Contain([ResultColumn.Pgd.Header(), ResultColumn.AutoAttack.Header()], "every measured column, C9's included");
        results.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("source").GetString())
            .Should().OnlyContain(source => source == FamilyResults.ComputedHere, "each cell says where its outcomes come from");
        report.Should().Contain("| C9 white-box PGD gives a reliable robustness estimate | mnist-cnn | ReLU | holds (not recorded) |")
            .And.Contain("Gradient-masking indicators (C9)");
        report.Should().Contain("| C8 the reproduction's PGD setting overstates robustness | mnist-cnn | k-WTA 0.1 | not testable (not recorded) | 7 images | ",
                                "seed-foolbox PGD keeps no image, so none can favour it, and 7 more robust images would make the test possible")
            .And.Contain("not testable: at most 0 images could favour the first side")
            // C2's two tests form its Holm family, so p < 0.005 is needed: 8 k-WTA-only images (½⁸ = 0.0039).
            .And.Contain("| mnist-cnn | k-WTA 0.1 PGD | does not hold (recorded refutation) | 8 images | k-WTA 0.1 PGD vs ReLU PGD: 50.0% vs 50.0% on 20 images, 0.0 pp (95% CI ")
            .And.Contain("The correction changes no verdict.");
        File.ReadAllText(Path.Combine(directory, ReproductionReport.BadgesFolder, "C8.json")).Should().Contain("\"message\":\"0/0, 2 not testable\"").And.Contain("lightgrey");
        var badges = Directory.GetFiles(Path.Combine(directory, ReproductionReport.BadgesFolder)).Select(Path.GetFileName);
        badges.Should().Contain(["claims.json", "C1.json", "C6.json", "C8.json", "C9.json"]);
        Directory.GetDirectories(scratch).Should().Equal([directory], "the staging folder is moved into place, not left beside it");
    }

    [Test]
    public void The_report_names_TorchSharp_and_libtorch_by_their_own_versions()
    {
        var directory = Path.Combine(scratch, "report");

        ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);

        var torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3);
        File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile))
            .Should().Contain($"TorchSharp {torchSharp} (libtorch {TorchSharp.torch.__version__})")
            .And.NotContain($"TorchSharp {TorchSharp.torch.__version__}");
    }

    [Test]
    public void A_folder_holding_other_files_is_never_replaced_by_a_report()
    {
        var directory = Path.Combine(scratch, "thesis");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "thesis.txt"), "draft");

        var act = () => ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);

        act.Should().Throw<IOException>().WithMessage("*thesis.txt*");
        File.ReadAllText(Path.Combine(directory, "thesis.txt")).Should().Be("draft");
    }

    [Test]
    public void Reproduce_refuses_a_folder_of_pictures_and_notes_before_any_work_and_deletes_none_of_them()
    {
        var shots = Path.Combine(scratch, "shots");
        Directory.CreateDirectory(Path.Combine(shots, "badges"));
        File.WriteAllText(Path.Combine(shots, "photo.png"), "picture");
        File.WriteAllText(Path.Combine(shots, "badges", "notes.txt"), "n");

        var run = CliProcess.Run("reproduce", "--output", shots, "--family", "mnist-cnn", "--no-figures");

        CliProcess.ShouldBeOneLineError(run, 1, shots);
        File.ReadAllText(Path.Combine(shots, "photo.png")).Should().Be("picture");
        File.ReadAllText(Path.Combine(shots, "badges", "notes.txt")).Should().Be("n");
    }

    [Test]
    public void A_folder_that_looks_like_a_report_but_has_no_marker_of_one_is_refused()
    {
        var directory = Path.Combine(scratch, "report");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ReproductionReport.ReportFile), "my own notes");
        File.WriteAllText(Path.Combine(directory, ReproductionReport.ResultsFile), "{}");

        var act = () => ReportFolder.EnsureReplaceable(directory);

        act.Should().Throw<IOException>().WithMessage($"{directory} *{ReportFolder.MarkerFile}*");
        File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile)).Should().Be("my own notes");
    }

    [Test]
    public void A_file_added_to_an_earlier_report_stops_the_next_one_and_is_kept()
    {
        var directory = Path.Combine(scratch, "report");
        ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);
        var notes = Path.Combine(directory, ReproductionReport.BadgesFolder, "notes.txt");
        File.WriteAllText(notes, "n");

        var act = () => ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);

        act.Should().Throw<IOException>().WithMessage($"{directory} *badges/notes.txt*");
        File.ReadAllText(notes).Should().Be("n");
    }

    [Test]
    public void A_report_lists_every_file_it_wrote_in_its_marker()
    {
        var directory = Path.Combine(scratch, "report");

        ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);

        var written = Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f)).Where(f => f != ReportFolder.MarkerFile);
        File.ReadAllLines(Path.Combine(directory, ReportFolder.MarkerFile)).Where(l => !l.StartsWith('#'))
            .Should().BeEquivalentTo(written).And.Contain([ReproductionReport.ReportFile, "badges/claims.json"]);
    }

    [Test]
    public void An_earlier_report_is_replaced_by_the_new_one()
    {
        var directory = Path.Combine(scratch, "report");
        ReproductionReport.Write(directory, Result([MnistResults()], ["alexnet-cifar"], TimeSpan.Zero), Recorded);
        ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);

        File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile)).Should().NotContain("Not decided");
        Directory.GetDirectories(scratch).Should().Equal([directory], "the old report is removed once the new one is in place");
    }

    [Test]
    public void Reproduce_refuses_an_output_folder_with_a_users_files_before_running_and_deletes_nothing()
    {
        var victim = Path.Combine(scratch, "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "thesis.txt"), "draft");
        var emptyModels = Path.Combine(scratch, "emptymodels");
        Directory.CreateDirectory(emptyModels);

        var (exitCode, output) = CliProcess.Run("reproduce", "--models", emptyModels, "--output", victim, "--no-figures");

        exitCode.Should().Be(1, output);
        output.Should().Contain("thesis.txt").And.NotContain("   at ");
        File.ReadAllText(Path.Combine(victim, "thesis.txt")).Should().Be("draft");
    }

    /// <summary>The folders a kill between renaming the old report aside and moving the new one in leaves.</summary>
    [Test]
    public void Killed_between_retiring_the_old_report_and_moving_in_the_new_one_the_old_report_is_restored()
    {
        var directory = Path.Combine(scratch, "report");
        ReproductionReport.Write(directory, Result([MnistResults()], ["alexnet-cifar"], TimeSpan.Zero), Recorded);
        var before = File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile));
        Directory.Move(directory, Path.Combine(scratch, ".report.previous"));

        ReportFolder.EnsureReplaceable(directory); // what the next run checks first

        File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile)).Should().Be(before);
        Directory.GetDirectories(scratch).Should().Equal([directory]);
    }

    [Test]
    public void Killed_after_the_new_report_was_in_place_the_retired_one_is_removed()
    {
        var directory = Path.Combine(scratch, "report");
        ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);
        var retired = Path.Combine(scratch, ".report.previous");
        Directory.CreateDirectory(retired);
        foreach (var file in new[] { ReproductionReport.ReportFile, ReportFolder.MarkerFile })
            File.Copy(Path.Combine(directory, file), Path.Combine(retired, file));

        ReportFolder.EnsureReplaceable(directory);

        Directory.GetDirectories(scratch).Should().Equal([directory]);
    }

    [Test]
    public void A_report_with_no_family_run_is_refused_and_the_earlier_report_kept()
    {
        var directory = Path.Combine(scratch, "report");
        ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);
        var before = File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile));

        var act = () => ReproductionReport.Write(directory, Result([], ["mnist-cnn"], TimeSpan.Zero), Recorded);

        act.Should().Throw<ArgumentException>().WithMessage("*no family*");
        File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile)).Should().Be(before);
    }

    [Test]
    public void Reproduce_with_no_shipped_family_exits_1_before_touching_the_earlier_report()
    {
        var directory = Path.Combine(scratch, "report");
        ReproductionReport.Write(directory, Result([MnistResults()], [], TimeSpan.Zero), Recorded);
        var before = File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile));
        var emptyModels = Path.Combine(scratch, "emptymodels");
        Directory.CreateDirectory(emptyModels);

        var (exitCode, output) = CliProcess.Run("reproduce", "--models", emptyModels, "--output", directory, "--no-figures");

        exitCode.Should().Be(1, output);
        output.Should().Contain("kwta: ").And.NotContain("   at ");
        File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile)).Should().Be(before);
    }
}
