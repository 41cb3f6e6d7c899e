using Kwta.Model.Activations;
using Kwta.Model.IO;
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
            Name = "m", Architecture = "mnist-cnn", Activation = ActivationSpec.Kwta(0.2).ToString(), File = "m.dat", Sha256 = "ab",
            Recipe = new TrainingRecipe { Epochs = 3, BatchSize = 128, LearningRate = 0.01, Seed = 1 },
            CleanAccuracy = 0.99, TestImages = 10000, SecondsPerEpoch = 12.5,
        };
        new ModelManifest().With(entry).Save(scratch);
        ModelManifest.Load(scratch).Models.Should().ContainSingle().Which.Should().BeEquivalentTo(entry);
    }

    [Test]
    public void The_shipped_manifest_read_and_written_back_is_byte_identical()
    {
        ModelManifest.Load(RepositoryLayout.Models).Save(scratch);

        var (written, shipped) = (Path.Combine(scratch, ModelManifest.FileName), Path.Combine(RepositoryLayout.Models, ModelManifest.FileName));
        File.ReadAllText(written).Should().Be(File.ReadAllText(shipped), "the text differs first where a field was renamed, reordered or reformatted");
        File.ReadAllBytes(written).Should().Equal(File.ReadAllBytes(shipped));
    }

    [Test]
    public void A_recipes_schedules_are_written_in_their_command_line_form_and_read_back_equal()
    {
        var recipe = new TrainingRecipe { Schedule = LearningRateSchedule.Parse("step:30,60"), GammaSchedule = GammaSchedule.Parse("0.195:-0.005/2:0.1") };
        new ModelManifest().With(new ModelEntry
        {
            Name = "m", Architecture = "mnist-cnn", Activation = ActivationSpec.Kwta(0.1).ToString(), File = "m.dat", Sha256 = "ab", Recipe = recipe,
        }).Save(scratch);

        var json = File.ReadAllText(Path.Combine(scratch, ModelManifest.FileName));
        json.Should().Contain("\"learningRateSchedule\": \"step:30,60\"").And.Contain("\"gammaSchedule\": \"0.195:-0.005/2:0.1\"");
        ModelManifest.Load(scratch).Models.Single().Recipe.Should().Be(recipe);
    }

    [TestCase("learningRateSchedule", "step:0", "Unknown learning-rate schedule 'step:0': expected 'cosine', 'constant' or 'step:E1,E2,…' (epochs ≥ 1).")]
    [TestCase("gammaSchedule", "0.2", "Unknown γ schedule '0.2': expected START:STEP/EVERY:END with γ in (0, 1] and STEP towards END, e.g. 0.195:-0.005/2:0.1.")]
    public void A_manifest_with_a_schedule_that_does_not_parse_is_refused_when_read_naming_the_file(string field, string text, string reason)
    {
        var recipe = new TrainingRecipe { GammaSchedule = GammaSchedule.Parse("0.195:-0.005/2:0.1") };
        new ModelManifest().With(new ModelEntry
        {
            Name = "m", Architecture = "mnist-cnn", Activation = ActivationSpec.Kwta(0.1).ToString(), File = "m.dat", Sha256 = "ab", Recipe = recipe,
        }).Save(scratch);
        var path = Path.Combine(scratch, ModelManifest.FileName);
        var written = File.ReadAllText(path);
        var valid = field == "gammaSchedule" ? "0.195:-0.005/2:0.1" : "cosine";
        File.WriteAllText(path, written.Replace($"\"{field}\": \"{valid}\"", $"\"{field}\": \"{text}\""));

        var act = () => ModelManifest.Load(scratch);

        act.Should().Throw<ModelFileException>().Which.Message.Should().Be($"{path}: malformed manifest: {reason}");
    }

    [Test]
    public void A_manifest_file_entry_outside_the_models_folder_is_refused_before_it_is_read()
    {
        var outside = Path.Combine(scratch, "outside.dat");
        File.WriteAllText(outside, "secret");
        var models = Path.Combine(scratch, "models");
        new ModelManifest().With(new ModelEntry
        {
            Name = "m", Architecture = "mnist-cnn", Activation = ActivationSpec.Relu.ToString(), File = "../outside.dat", Sha256 = "00", Recipe = new TrainingRecipe(),
        }).Save(models);

        var act = () => ModelFile.LoadShipped("m", models);

        act.Should().Throw<ModelFileException>().WithMessage("*../outside.dat*outside*").Which.Message.Should().NotContain("sha256");
    }

    [TestCase("../../escape")]
    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase("")]
    [TestCase(".hidden")]
    public void A_model_name_that_is_not_a_plain_file_name_is_refused(string name)
    {
        using var model = ModelRegistry.Create("mnist-mlp", ActivationSpec.Relu);
        var log = Path.Combine(scratch, "log.csv");
        File.WriteAllText(log, "epoch\n");
        var act = () => ModelPublisher.Publish(model, new ModelEntry
        {
            Name = name, Architecture = "mnist-mlp", Activation = ActivationSpec.Relu.ToString(), File = "", Sha256 = "", Recipe = new TrainingRecipe(),
        }, log, Path.Combine(scratch, "models"));

        act.Should().Throw<ArgumentException>().WithMessage("*name*");
        Directory.GetFiles(scratch, "*.dat", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Test]
    public void A_models_folder_that_does_not_exist_is_an_error_not_an_empty_manifest()
    {
        var act = () => ModelManifest.Load(Path.Combine(scratch, "no-such-folder"));
        act.Should().Throw<IOException>().WithMessage("*no-such-folder*does not exist*");
    }

    string SavedMnistModel()
    {
        using var model = ModelRegistry.Create("mnist-cnn", ActivationSpec.Relu);
        var path = Path.Combine(scratch, "m.dat");
        ModelFile.Save(model, path);
        return path;
    }
}
