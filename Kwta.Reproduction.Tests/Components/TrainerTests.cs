using Kwta.Model.Activations;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The training pipeline: learns, is deterministic under a seed, resumes exactly, and
/// performs the reproduction's incremental ReLU → k-WTA initialisation.</summary>
public class TrainerTests : ScratchDirectoryTest
{
    static readonly TrainingOptions OneEpoch = new()
    {
        Epochs = 1, BatchSize = 32, LearningRate = 0.05, Schedule = LearningRateSchedule.Constant, Augment = false, Seed = 7, TrainingImages = 512,
    };


    [Test]
    public void One_epoch_on_512_images_lowers_the_loss_and_is_deterministic_under_a_seed()
    {
        using var first = Train(OneEpoch, "a");
        using var second = Train(OneEpoch, "b");
        Parameters(first).Zip(Parameters(second)).Should().OnlyContain(p => p.First.SameAs(p.Second), "same seed, same weights");

        using var untrained = Fresh(OneEpoch.Seed);
        TestContext.Out.WriteLine($"loss untrained {Loss(untrained):F4}, after one epoch {Loss(first):F4}");
        Loss(first).Should().BeLessThan(Loss(untrained) - 0.1);
    }

    [Test]
    public void A_run_stopped_after_epoch_1_of_2_and_resumed_ends_with_the_uninterrupted_weights()
    {
        var twoEpochs = OneEpoch with { Epochs = 2, Schedule = LearningRateSchedule.Cosine };
        using var uninterrupted = Train(twoEpochs, "whole");

        var run = Path.Combine(scratch, "interrupted");
        using (var stopped = Fresh(twoEpochs.Seed))
            Trainer.Run(stopped, TestData.Mnist, null, twoEpochs, run, stopAfterEpochs: 1).Should().HaveCount(1);
        using var resumed = Fresh(seed: 99); // different init: everything must come from the checkpoint
        var log = Trainer.Run(resumed, TestData.Mnist, null, twoEpochs, run);

        log.Select(r => r.Epoch).Should().Equal(1, 2);
        Parameters(resumed).Zip(Parameters(uninterrupted)).Should().OnlyContain(p => p.First.SameAs(p.Second));
        File.ReadAllLines(Trainer.LogPath(run)).Should().HaveCount(3, "header and one line per epoch");
    }

    [Test]
    public void Resuming_with_other_options_is_refused()
    {
        var run = Path.Combine(scratch, "run");
        using (var model = Fresh(OneEpoch.Seed)) Trainer.Run(model, TestData.Mnist, null, OneEpoch, run);
        using var again = Fresh(OneEpoch.Seed);
        var act = () => Trainer.Run(again, TestData.Mnist, null, OneEpoch with { LearningRate = 0.2 }, run);
        act.Should().Throw<ArgumentException>().WithMessage("*other options*");
    }

    [Test]
    public void Resuming_with_other_options_names_the_option_that_differs()
    {
        var run = Path.Combine(scratch, "run");
        using (var model = Fresh(OneEpoch.Seed)) Trainer.Run(model, TestData.Mnist, null, OneEpoch, run);
        using var again = Fresh(OneEpoch.Seed);
        var act = () => Trainer.Run(again, TestData.Mnist, null, OneEpoch with { LearningRate = 0.2 }, run);
        act.Should().Throw<ArgumentException>().WithMessage("*LearningRate 0.05*0.2*").Which.Message.Should().NotContain("\n");
    }

    [Test]
    public void A_diverging_run_stops_at_the_first_non_finite_loss_and_leaves_no_half_written_checkpoint()
    {
        var run = Path.Combine(scratch, "run");
        using var model = Fresh(OneEpoch.Seed);

        var act = () => Trainer.Run(model, TestData.Mnist, null, OneEpoch with { LearningRate = 1e30 }, run);

        act.Should().Throw<Exception>().WithMessage("*diverged*epoch 1, batch *");
        Directory.GetDirectories(run).Should().BeEmpty("no checkpoint, finished or not, holds the diverged weights");
    }

    [TestCase(nameof(TrainingOptions.WeightDecay), double.NaN)]
    [TestCase(nameof(TrainingOptions.WeightDecay), -1.0)]
    [TestCase(nameof(TrainingOptions.Momentum), double.NaN)]
    [TestCase(nameof(TrainingOptions.LearningRate), double.PositiveInfinity)]
    [TestCase(nameof(TrainingOptions.GradientClipNorm), double.NaN)]
    [TestCase(nameof(TrainingOptions.TrainingImages), 0)]
    [TestCase(nameof(TrainingOptions.TrainingImages), -5)]
    public void Options_that_cannot_train_are_refused_by_name(string option, object value)
    {
        var options = option switch
        {
            nameof(TrainingOptions.WeightDecay) => OneEpoch with { WeightDecay = (double)value },
            nameof(TrainingOptions.Momentum) => OneEpoch with { Momentum = (double)value },
            nameof(TrainingOptions.LearningRate) => OneEpoch with { LearningRate = (double)value },
            nameof(TrainingOptions.GradientClipNorm) => OneEpoch with { GradientClipNorm = (double)value },
            _ => OneEpoch with { TrainingImages = (int)value },
        };
        options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(option);
    }

    [Test]
    public void A_run_folder_held_by_another_run_is_refused()
    {
        var run = Path.Combine(scratch, "run");
        Directory.CreateDirectory(run);
        using var otherRun = new FileStream(Path.Combine(run, ".kwta.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var model = Fresh(OneEpoch.Seed);

        var act = () => Trainer.Run(model, TestData.Mnist, null, OneEpoch, run);

        act.Should().Throw<IOException>().WithMessage($"{run}*in use*");
        Directory.GetDirectories(run).Should().BeEmpty();
    }

    [Test]
    public void Incremental_init_copies_the_weights_and_swaps_in_the_new_activation()
    {
        using var source = Train(OneEpoch, "source");
        ModelPublisher.Publish(source, new ModelEntry
        {
            Name = "src", Architecture = "mnist-mlp", Activation = ActivationSpec.Relu.ToString(), File = "", Sha256 = "", Recipe = new TrainingRecipe(),
        }, WriteLog(), scratch);

        using var sameActivation = IncrementalInit.FromShipped("src", "mnist-mlp", ActivationSpec.Relu, scratch);
        using var swapped = IncrementalInit.FromShipped("src", "mnist-mlp", ActivationSpec.Kwta(0.2), scratch);
        source.eval();
        using var scope = NewDisposeScope();
        var (x, _) = TestData.Mnist.Range(0, 16);
        sameActivation.forward(x).SameAs(source.forward(x)).Should().BeTrue("weights are copied exactly");
        Parameters(swapped).Zip(Parameters(source)).Should().OnlyContain(p => p.First.SameAs(p.Second));
        ActivationSwap.Current(swapped).Should().Be(ActivationSpec.Kwta(0.2));
        swapped.forward(x).SameAs(source.forward(x)).Should().BeFalse("k-WTA replaced ReLU");
    }

    [Test]
    public void Incremental_init_from_another_architecture_is_refused()
    {
        using var source = Fresh(1);
        ModelPublisher.Publish(source, new ModelEntry
        {
            Name = "src", Architecture = "mnist-mlp", Activation = ActivationSpec.Relu.ToString(), File = "", Sha256 = "", Recipe = new TrainingRecipe(),
        }, WriteLog(), scratch);
        var act = () => IncrementalInit.FromShipped("src", "alexnet-cifar", ActivationSpec.Kwta(0.2), scratch);
        act.Should().Throw<ArgumentException>().WithMessage("*src is a mnist-mlp, not a alexnet-cifar*");
    }

    static nn.Module<Tensor, Tensor> Fresh(int seed)
    {
        torch.manual_seed(seed);
        return ModelRegistry.Create("mnist-mlp", ActivationSpec.Relu);
    }

    nn.Module<Tensor, Tensor> Train(TrainingOptions options, string run)
    {
        var model = Fresh(options.Seed);
        Trainer.Run(model, TestData.Mnist, null, options, Path.Combine(scratch, run));
        return model;
    }

    string WriteLog()
    {
        var path = Path.Combine(scratch, "log.csv");
        File.WriteAllText(path, EpochRecord.CsvHeader + "\n");
        return path;
    }

    static IEnumerable<Tensor> Parameters(nn.Module model) => model.parameters().Select(p => p.detach());

    static double Loss(nn.Module<Tensor, Tensor> model)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        var (x, y) = TestData.Mnist.Range(0, 512);
        return nn.functional.cross_entropy(model.forward(x), y).item<float>();
    }
}
