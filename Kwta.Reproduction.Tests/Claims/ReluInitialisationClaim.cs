using Kwta.Model.Activations;
using Kwta.Model.Claims;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;

namespace Kwta.Reproduction.Tests.Claims;

/// <summary>C6: "initialising k-WTA from ReLU weights converges far faster" (the reproduction's workaround
/// for the paper's 80 epochs). Criterion and tolerance: <see cref="ClaimsCatalogue.ReluInitialisation"/>.</summary>
public class ReluInitialisationClaim : ScratchDirectoryTest
{
    static readonly TrainingOptions OneFineTuneEpoch = new()
    {
        Epochs = 1, BatchSize = 32, LearningRate = 0.01, Schedule = "constant", GradientClipNorm = 0.5, Augment = false, Seed = 11,
    };

    [Test]
    public void C6_kWTA_fine_tuned_from_ReLU_weights_beats_kWTA_from_random_init_after_one_epoch_on_MNIST()
    {
        var training = TestData.Mnist.Slice(0, 800);
        var heldOut = TestData.Mnist.Slice(800, 200);

        using var fromRelu = IncrementalInit.FromShipped("mnist-cnn-relu", "mnist-cnn", ActivationSpec.Kwta(0.2), RepositoryLayout.Models);
        torch.manual_seed(OneFineTuneEpoch.Seed);
        using var fromRandom = ModelRegistry.Create("mnist-cnn", ActivationSpec.Kwta(0.2));
        Trainer.Run(fromRelu, training, null, OneFineTuneEpoch, Path.Combine(scratch, "relu-init"));
        Trainer.Run(fromRandom, training, null, OneFineTuneEpoch, Path.Combine(scratch, "random-init"));

        var reluCorrect = Correct(fromRelu, heldOut);
        var randomCorrect = Correct(fromRandom, heldOut);
        double p = Statistics.McNemarOneSided(reluCorrect, randomCorrect);
        TestContext.Out.WriteLine($"{ClaimsCatalogue.ReluInitialisation.Id}: after one epoch on 800 images, held-out accuracy " +
                                  $"from ReLU {reluCorrect.Count(c => c) / 2.0:F1}% vs random init {randomCorrect.Count(c => c) / 2.0:F1}%, McNemar p = {p:G3}");
        p.Should().BeLessThan(ClaimTolerances.SignificanceLevel);
    }

    [TestCaseSource(typeof(ReproductionResults), nameof(ReproductionResults.ShippedFamilies))]
    public void C6_the_shipped_training_logs_show_higher_epoch_1_accuracy_from_ReLU_weights(string family) =>
        RobustnessClaims.Assert(ClaimChecks.ReluInitialisationLogs(ReproductionResults.For(family)));

    static bool[] Correct(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, Kwta.Model.Data.LabeledImages images) =>
        Predictions.Of(model, images).Select((p, i) => p == images.Labels[i]).ToArray();
}
