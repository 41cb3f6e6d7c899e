using Kwta.Model.Activations;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The paper's incremental γ: lowered by a fixed step every few epochs, held at its end, and resumed exactly.</summary>
public class GammaScheduleTests : ScratchDirectoryTest
{
    [Test]
    public void The_papers_schedule_lowers_gamma_by_0_005_every_2_epochs_and_holds_it_at_0_1()
    {
        var schedule = GammaSchedule.Parse("0.195:-0.005/2:0.1");

        var gammas = Enumerable.Range(0, 44).Select(schedule.At).ToList();

        gammas.Should().Equal(Enumerable.Range(0, 44).Select(e => Math.Max(0.1, Math.Round(0.195 - 0.005 * (e / 2), 9))));
        gammas[0].Should().Be(0.195);
        gammas[2].Should().Be(0.19);
        gammas[38].Should().Be(0.1, "19 steps of 0.005 from 0.195 land exactly on 0.1");
        gammas.Count(g => g == 0.1).Should().Be(6, "epochs 39–44 train at the final γ");
    }

    [TestCase("0.2")]
    [TestCase("0.2:-0.005:0.1")]
    [TestCase("0.2:0.005/2:0.1")]
    [TestCase("0.2:-0.005/0:0.1")]
    [TestCase("1.5:-0.1/1:0.1")]
    [TestCase("0.2:-0.005/2:0")]
    public void A_malformed_schedule_is_refused_with_its_syntax(string text) =>
        FluentActions.Invoking(() => GammaSchedule.Parse(text)).Should().Throw<ArgumentException>().WithMessage("*START:STEP/EVERY:END*");

    static readonly TrainingOptions Annealed = new()
    {
        Epochs = 4, BatchSize = 50, LearningRate = 0.02, Schedule = LearningRateSchedule.Constant, Augment = false, Seed = 3, TrainingImages = 400,
        GammaSchedule = GammaSchedule.Parse("0.5:-0.1/2:0.3"),
    };

    [Test]
    public void Training_logs_each_epochs_gamma_and_ends_with_the_last_one_in_every_slot()
    {
        using var model = Fresh();
        var log = Trainer.Run(model, TestData.Mnist, null, Annealed, Path.Combine(scratch, "run"));

        log.Select(r => r.Gamma).Should().Equal(0.5, 0.5, 0.4, 0.4);
        ActivationSwap.Current(model).Should().Be(ActivationSpec.Kwta(0.4));
        EpochRecord.ReadCsv(Trainer.LogPath(Path.Combine(scratch, "run"))).Select(r => r.Gamma).Should().Equal(0.5, 0.5, 0.4, 0.4);
    }

    [Test]
    public void A_run_stopped_inside_the_schedule_and_resumed_ends_with_the_uninterrupted_weights()
    {
        using var whole = Fresh();
        Trainer.Run(whole, TestData.Mnist, null, Annealed, Path.Combine(scratch, "whole"));
        using (var stopped = Fresh()) Trainer.Run(stopped, TestData.Mnist, null, Annealed, Path.Combine(scratch, "resumed"), stopAfterEpochs: 3);
        torch.manual_seed(99);
        using var resumed = ModelRegistry.Create("mnist-mlp", ActivationSpec.Relu); // weights and γ must come from the checkpoint and the schedule
        Trainer.Run(resumed, TestData.Mnist, null, Annealed, Path.Combine(scratch, "resumed"));

        resumed.parameters().Zip(whole.parameters()).Should().OnlyContain(p => p.First.detach().SameAs(p.Second.detach()));
        ActivationSwap.Current(resumed).Should().Be(ActivationSwap.Current(whole));
    }

    static nn.Module<Tensor, Tensor> Fresh()
    {
        torch.manual_seed(Annealed.Seed);
        return ModelRegistry.Create("mnist-mlp", ActivationSpec.Kwta(0.5));
    }
}
