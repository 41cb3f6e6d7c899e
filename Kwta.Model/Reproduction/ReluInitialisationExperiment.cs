using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>
/// C6's training half: k-WTA 0.2 fine-tuned one epoch on the first 800 MNIST fixture images from the shipped ReLU model
/// and from random init, both tested on the other 200. Seconds on CPU, so every run measures it anew.
/// </summary>
public static class ReluInitialisationExperiment
{
    const int FineTuneImages = 800, HeldOutImages = 200;

    /// <summary>The fine-tune recipe: one epoch, the reproduction's lr 0.01 and clip 0.5.</summary>
    public static readonly TrainingOptions OneFineTuneEpoch = new()
    {
        Architecture = ModelFamily.Mnist.Architecture, Activation = ModelFamily.KwtaGamma02.ToString(),
        Epochs = 1, BatchSize = 32, LearningRate = 0.01, Schedule = LearningRateSchedule.Constant, GradientClipNorm = 0.5, Augment = false, Seed = 11,
    };

    /// <summary>Trains both models in <paramref name="scratchDirectory"/> and returns their held-out outcomes.</summary>
    public static FineTuneOutcomes Run(LabeledImages mnist, string modelsDirectory, string scratchDirectory)
    {
        var training = mnist.Slice(0, FineTuneImages);
        var heldOut = mnist.Slice(FineTuneImages, HeldOutImages);
        var family = ModelFamily.Mnist;
        var reluModel = family.ModelName(ActivationSpec.Relu);
        using var fromRelu = IncrementalInit.FromShipped(reluModel, family.Architecture, ModelFamily.KwtaGamma02, modelsDirectory);
        manual_seed(OneFineTuneEpoch.Seed);
        using var fromRandom = ModelRegistry.Create(family.Architecture, ModelFamily.KwtaGamma02);
        Trainer.Run(fromRelu, training, null, OneFineTuneEpoch with { InitFrom = reluModel }, Path.Combine(scratchDirectory, "relu-init"));
        Trainer.Run(fromRandom, training, null, OneFineTuneEpoch, Path.Combine(scratchDirectory, "random-init"));
        return new FineTuneOutcomes(family, Correct(fromRelu, heldOut), Correct(fromRandom, heldOut), training.Count);
    }

    static bool[] Correct(nn.Module<Tensor, Tensor> model, LabeledImages images) =>
        Predictions.Of(model, images).Select((p, i) => p == images.Labels[i]).ToArray();
}
