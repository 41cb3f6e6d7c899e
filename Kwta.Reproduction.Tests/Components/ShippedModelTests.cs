using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>Every model in models/models.json loads, matches its sha256, and reaches its recorded
/// full-test-set accuracy on the 1000-image fixture within sampling error.</summary>
public class ShippedModelTests
{
    static IEnumerable<TestCaseData> Shipped() =>
        ModelManifest.Load(RepositoryLayout.Models).Models.Select(m => new TestCaseData(m).SetName($"Shipped model {m.Name} loads and reaches its recorded accuracy"));

    [Test]
    public void The_manifest_lists_shipped_models_whose_files_exist()
    {
        var manifest = ModelManifest.Load(RepositoryLayout.Models);
        manifest.Models.Should().NotBeEmpty();
        manifest.Models.Should().OnlyContain(m => File.Exists(Path.Combine(RepositoryLayout.Models, m.File))
                                                  && File.Exists(Path.Combine(RepositoryLayout.Models, m.TrainingLog)));
    }

    [Test]
    public void Every_manifest_accuracy_was_measured_from_the_shipped_file_on_a_named_machine() =>
        ModelManifest.Load(RepositoryLayout.Models).Models.Should().OnlyContain(
            m => m.CleanAccuracyMeasuredOn != null && m.TestImages == 10_000,
            "`kwta accuracy --data DIR --record` measures the shipped weights; a training log's last epoch was computed on the training machine");

    [TestCaseSource(nameof(Shipped))]
    public void Loads_and_reaches_its_recorded_accuracy(ModelEntry entry)
    {
        using var model = ModelFile.LoadShipped(entry.Name, RepositoryLayout.Models);
        var fixture = Fixtures.Load(ModelRegistry.Get(entry.Architecture).Dataset, RepositoryLayout.Fixtures);
        double accuracy = Predictions.Accuracy(model, fixture);
        double p = entry.CleanAccuracy;
        double standardError = Math.Sqrt(p * (1 - p) / fixture.Count);
        TestContext.Out.WriteLine($"{entry.Name}: fixture {accuracy:P2}, manifest {p:P2} on {entry.TestImages}, SE {standardError:P2}");
        accuracy.Should().BeApproximately(p, ClaimTolerances.FixtureStandardErrors * Math.Max(standardError, 1.0 / fixture.Count));
    }
}
