using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary><c>kwta accuracy --record</c> writes what the shipped file scores, and the machine it was measured on, into the manifest.</summary>
public class AccuracyCommandTests : ScratchDirectoryTest
{
    [Test]
    public void Record_replaces_the_manifest_accuracy_by_the_shipped_files_count_and_names_the_machine()
    {
        // An official-format test set made of the MNIST fixture, and a models folder with one shipped model.
        var data = MnistDataFolder.Create(scratch);
        var models = Path.Combine(scratch, "models");
        Directory.CreateDirectory(models);
        var entry = ModelManifest.Load(RepositoryLayout.Models).Get("mnist-cnn-relu", RepositoryLayout.Models);
        File.Copy(Path.Combine(RepositoryLayout.Models, entry.File), Path.Combine(models, entry.File));
        new ModelManifest { Models = [entry with { CleanAccuracy = 0.5, CleanAccuracyMeasuredOn = null }] }.Save(models);

        var (exitCode, output) = CliProcess.Run("accuracy", "--data", data, "--models", models, "--record");

        exitCode.Should().Be(0, output);
        using var model = ModelFile.LoadShipped(entry.Name, RepositoryLayout.Models);
        var recorded = ModelManifest.Load(models).Get(entry.Name, models);
        recorded.CleanAccuracy.Should().Be(Predictions.Accuracy(model, TestData.Mnist));
        recorded.TestImages.Should().Be(1000);
        recorded.CleanAccuracyMeasuredOn.Should().Contain("ATEN_CPU_CAPABILITY=avx2").And.Contain("threads");
    }
}
