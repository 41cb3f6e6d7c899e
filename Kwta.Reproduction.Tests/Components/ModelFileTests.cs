using Kwta.Model.Activations;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

public class ModelFileTests : ScratchDirectoryTest
{

    [Test]
    public void Save_then_load_gives_identical_outputs()
    {
        torch.manual_seed(3);
        using var model = ModelRegistry.Create("mnist-cnn", ActivationSpec.Kwta(0.2));
        model.eval();
        var path = Path.Combine(scratch, "m.dat");
        ModelFile.Save(model, path);
        using var loaded = ModelFile.Load(path, "mnist-cnn", ActivationSpec.Kwta(0.2), Sha256.OfFile(path));
        using var scope = NewDisposeScope();
        var x = rand(4, 1, 28, 28);
        loaded.forward(x).SameAs(model.forward(x)).Should().BeTrue();
    }

    [Test]
    public void Checksum_mismatch_is_rejected_naming_the_file()
    {
        var path = SavedMnistModel();
        var act = () => ModelFile.Load(path, "mnist-cnn", ActivationSpec.Relu, new string('0', 64));
        act.Should().Throw<ModelFileException>().WithMessage($"{path}*sha256*does not match*");
    }

    [Test]
    public void Truncated_file_is_rejected_naming_the_file()
    {
        var path = SavedMnistModel();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..1000]);
        var act = () => ModelFile.Load(path, "mnist-cnn", ActivationSpec.Relu);
        act.Should().Throw<ModelFileException>().WithMessage($"{path}*cannot be loaded as a mnist-cnn*");
    }

    [Test]
    public void Weights_of_another_architecture_are_rejected_naming_the_file()
    {
        var path = SavedMnistModel();
        var act = () => ModelFile.Load(path, "alexnet-cifar", ActivationSpec.Relu);
        act.Should().Throw<ModelFileException>().WithMessage($"{path}*cannot be loaded as a alexnet-cifar*");
    }

    [Test]
    public void Unknown_shipped_model_is_rejected_naming_the_manifest()
    {
        var act = () => ModelFile.LoadShipped("no-such-model", scratch);
        act.Should().Throw<ArgumentException>().WithMessage("*no-such-model*");
    }

    [Test]
    public void Manifest_round_trips_through_json()
    {
        var entry = new ModelEntry
        {
            Name = "m", Architecture = "mnist-cnn", Activation = "kwta-0.2", File = "m.dat", Sha256 = "ab",
            Recipe = new TrainingRecipe { Epochs = 3, BatchSize = 128, LearningRate = 0.01, Seed = 1 },
            CleanAccuracy = 0.99, TestImages = 10000, SecondsPerEpoch = 12.5,
        };
        new ModelManifest().With(entry).Save(scratch);
        ModelManifest.Load(scratch).Models.Should().ContainSingle().Which.Should().BeEquivalentTo(entry);
    }

    string SavedMnistModel()
    {
        using var model = ModelRegistry.Create("mnist-cnn", ActivationSpec.Relu);
        var path = Path.Combine(scratch, "m.dat");
        ModelFile.Save(model, path);
        return path;
    }
}
