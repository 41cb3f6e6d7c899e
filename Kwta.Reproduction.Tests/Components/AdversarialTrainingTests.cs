using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>Adversarial training makes a model more robust on images it never saw, and stops when it overfits catastrophically.</summary>
public class AdversarialTrainingTests : ScratchDirectoryTest
{
    const double Epsilon = 0.1;

    static readonly TrainingOptions Natural = new()
    {
        Epochs = 10, BatchSize = 50, LearningRate = 0.05, Schedule = LearningRateSchedule.Constant, WeightDecay = 0, Augment = false, Seed = 11,
        TrainingImages = TinyTrainedModels.TrainingImages,
    };

    [Test]
    public void An_adversarially_trained_MLP_is_more_robust_to_PGD_than_a_naturally_trained_one_on_held_out_images()
    {
        using var natural = Train(Natural, "natural");
        using var adversarial = Train(Natural with { Adversarial = "fgsm-rs", AdversarialEpsilon = Epsilon }, "adversarial");

        var attack = new LinfPgd(Epsilon, stepSize: Epsilon / 4, steps: 20, seed: 5);
        var naturalRobust = RobustAccuracy.Evaluate(natural, attack, TinyTrainedModels.HeldOutMnist, 100).Outcomes.Select(o => o.Robust).ToList();
        var adversarialRobust = RobustAccuracy.Evaluate(adversarial, attack, TinyTrainedModels.HeldOutMnist, 100).Outcomes.Select(o => o.Robust).ToList();
        double p = Statistics.McNemarOneSided(adversarialRobust, naturalRobust);
        TestContext.Out.WriteLine($"PGD-20 at ε {Epsilon} on 200 held-out images: adversarial {adversarialRobust.Count(r => r)}, natural {naturalRobust.Count(r => r)}, p = {p:G3}");

        p.Should().BeLessThan(0.01);
    }

    [Test]
    public void Each_epoch_logs_the_PGD_accuracy_of_the_monitored_training_images()
    {
        using var model = Train(Natural with { Epochs = 2, Adversarial = "fgsm-rs", AdversarialEpsilon = Epsilon }, "run");

        var log = EpochRecord.ReadCsv(Trainer.LogPath(Path.Combine(scratch, "run")));
        log.Should().HaveCount(2).And.OnlyContain(r => r.MonitorRobustAccuracy >= 0 && r.MonitorRobustAccuracy <= 1);
        log[1].MonitorRobustAccuracy.Should().BeGreaterThan(0, "the monitor measures robustness, which adversarial training builds");
    }

    [TestCase(0.40, 0.19, true)]
    [TestCase(0.40, 0.21, false)]
    [TestCase(0.00, 0.00, false)]
    public void A_collapse_below_half_the_best_monitored_accuracy_stops_training(double best, double current, bool stops)
    {
        EpochRecord[] earlier = [new(1, 0.1, 1, 0.5, null, 1, null, best / 2), new(2, 0.1, 1, 0.5, null, 1, null, best)];

        var act = () => AdversarialTraining.GuardAgainstCollapse(earlier, 3, current);

        if (stops) act.Should().Throw<CatastrophicOverfittingException>().WithMessage("*epoch 3*checkpoint of epoch 2 is kept*");
        else act.Should().NotThrow();
    }

    [Test]
    public void Options_name_a_preset_and_an_epsilon_together()
    {
        FluentActions.Invoking(() => (Natural with { Adversarial = "fgsm-rs" }).Validate()).Should().Throw<ArgumentException>().WithMessage("*preset and an ε*");
        FluentActions.Invoking(() => (Natural with { Adversarial = "bogus", AdversarialEpsilon = 0.1 }).Validate()).Should().Throw<ArgumentException>().WithMessage("*bogus*");
    }

    nn.Module<Tensor, Tensor> Train(TrainingOptions options, string run)
    {
        torch.manual_seed(options.Seed);
        var model = ModelRegistry.Create("mnist-mlp", ActivationSpec.Relu);
        Trainer.Run(model, TestData.Mnist, null, options, Path.Combine(scratch, run));
        return model;
    }
}
