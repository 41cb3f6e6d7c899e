using System.Text.Json.Nodes;
using Kwta.Model.Activations;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>
/// A checkpoint is saved to checkpoint.new, the previous one renamed to checkpoint.old, the new one renamed into
/// place and the old one deleted. Each test leaves the folders a kill at one point of that sequence leaves, and the
/// next run must resume from the newest complete checkpoint and never lose both.
/// </summary>
public class CheckpointRecoveryTests : ScratchDirectoryTest
{
    static readonly TrainingOptions TwoEpochs = new()
    {
        Architecture = "mnist-mlp", Activation = ActivationSpec.Relu.ToString(), Epochs = 2, BatchSize = 32, LearningRate = 0.05, Schedule = LearningRateSchedule.Constant,
        Augment = false, Seed = 3, TrainingImages = 128,
    };

    string run = "";
    string current = "";

    [SetUp]
    public void TrainOneEpochHereAndTwoElsewhere()
    {
        run = Path.Combine(scratch, "run");
        current = Checkpoint.PathIn(run);
        using (var model = Fresh()) Trainer.Run(model, TestData.Mnist, null, TwoEpochs, run, stopAfterEpochs: 1);
        using (var model = Fresh()) Trainer.Run(model, TestData.Mnist, null, TwoEpochs, Path.Combine(scratch, "whole"));
    }

    string EpochTwoCheckpoint => Checkpoint.PathIn(Path.Combine(scratch, "whole"));

    static nn.Module<Tensor, Tensor> Fresh()
    {
        torch.manual_seed(TwoEpochs.Seed);
        return ModelRegistry.Create("mnist-mlp", ActivationSpec.Relu);
    }

    /// <summary>Reruns the run and returns the epochs it actually trained.</summary>
    List<int> Rerun()
    {
        var trained = new List<int>();
        using var model = Fresh();
        Trainer.Run(model, TestData.Mnist, null, TwoEpochs, run, new SynchronousProgress(p => trained.Add(p.Epoch)));
        return [.. trained.Distinct()];
    }

    void LeftoversAreGone()
    {
        Directory.Exists(current + ".new").Should().BeFalse();
        Directory.Exists(current + ".old").Should().BeFalse();
        Directory.Exists(current).Should().BeTrue();
    }

    [Test]
    public void Killed_between_the_two_renames_the_complete_new_checkpoint_is_used()
    {
        Directory.Move(current, current + ".old");
        CopyFolder(EpochTwoCheckpoint, current + ".new");

        Rerun().Should().BeEmpty("epoch 2's checkpoint was complete: nothing is left to train");

        LeftoversAreGone();
        Sha256.OfFile(Path.Combine(current, "model.dat")).Should().Be(Sha256.OfFile(Path.Combine(EpochTwoCheckpoint, "model.dat")));
    }

    [Test]
    public void Killed_while_the_new_checkpoint_was_written_the_last_complete_one_is_resumed()
    {
        CopyFolder(EpochTwoCheckpoint, current + ".new");
        File.Delete(Path.Combine(current + ".new", "state.json"));

        Rerun().Should().Equal([2], "epoch 1's checkpoint is resumed");

        LeftoversAreGone();
    }

    [Test]
    public void Killed_after_retiring_the_old_checkpoint_before_the_new_one_was_complete_the_old_one_is_restored()
    {
        Directory.Move(current, current + ".old");
        CopyFolder(EpochTwoCheckpoint, current + ".new");
        File.Delete(Path.Combine(current + ".new", "state.json"));

        Rerun().Should().Equal([2], "the retired epoch-1 checkpoint is put back, not thrown away");

        LeftoversAreGone();
    }

    [Test]
    public void Killed_after_the_new_checkpoint_was_in_place_the_old_one_is_removed()
    {
        CopyFolder(current, current + ".old");
        Directory.Delete(current, recursive: true);
        CopyFolder(EpochTwoCheckpoint, current);

        Rerun().Should().BeEmpty();

        LeftoversAreGone();
    }

    [Test]
    public void A_checkpoint_written_before_the_options_and_the_recipe_shared_one_record_resumes()
    {
        // Epoch 1's state as the options wrote it before: "Schedule" and "Augment", PascalCase like the rest.
        var statePath = Path.Combine(current, "state.json");
        var state = JsonNode.Parse(File.ReadAllText(statePath))!;
        state["Options"] = JsonNode.Parse("""
            {"Architecture":"mnist-mlp","Activation":"relu","InitFrom":null,"Epochs":2,"BatchSize":32,"LearningRate":0.05,
             "Schedule":"constant","Momentum":0.9,"WeightDecay":0.0005,"GradientClipNorm":null,"Augment":false,"Seed":3,
             "TrainingImages":128,"GammaSchedule":null,"Adversarial":null,"AdversarialEpsilon":null}
            """);
        File.WriteAllText(statePath, state.ToJsonString());

        Rerun().Should().Equal([2], "epoch 1's checkpoint is resumed under the same options");

        Sha256.OfFile(Path.Combine(current, "model.dat")).Should().Be(Sha256.OfFile(Path.Combine(EpochTwoCheckpoint, "model.dat")));
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the reports before Run returns.</summary>
    sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
