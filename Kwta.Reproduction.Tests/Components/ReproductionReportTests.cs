using System.Text.Json;
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
            foreach (var column in ResultTables.Columns)
                results.Add(activation, column, [.. Enumerable.Repeat(column == ResultColumn.Clean, 20)]);
        }
        results.EpochOneTestAccuracy = (0.9895, 0.8529);
        return results;
    }

    [Test]
    public void The_report_holds_the_claims_tables_results_and_badges_and_marks_recorded_refutations()
    {
        var directory = Path.Combine(scratch, "report");

        ReproductionReport.Write(directory, [MnistResults()], ["alexnet-cifar"], ReproductionSettings.Default, TimeSpan.FromMinutes(1));

        var report = File.ReadAllText(Path.Combine(directory, ReproductionReport.ReportFile));
        report.Should().Contain("Not run (models not shipped yet): alexnet-cifar.")
            .And.Contain("| C2 k-WTA is more robust than ReLU under white-box PGD | mnist-cnn | k-WTA 0.1 PGD | does not hold (recorded refutation) |")
            .And.Contain("| C6 k-WTA fine-tuned from ReLU weights beats k-WTA from random init after one epoch | mnist-cnn | training logs, k-WTA 0.2 epoch 1 | holds |")
            .And.Contain("## The paper's MNIST CNN");
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, ReproductionReport.ResultsFile)));
        results.RootElement.GetProperty("cells").GetArrayLength().Should().BeGreaterThan(0);
        var badges = Directory.GetFiles(Path.Combine(directory, ReproductionReport.BadgesFolder)).Select(Path.GetFileName);
        badges.Should().Contain(["claims.json", "C1.json", "C6.json", "C8.json"]);
        Directory.GetDirectories(scratch).Should().Equal([directory], "the staging folder is moved into place, not left beside it");
    }
}
