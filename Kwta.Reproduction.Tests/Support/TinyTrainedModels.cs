using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// A classifier that actually works, trained inside the test run in a few seconds with the project's
/// <see cref="Trainer"/>: the registry's <c>mnist-mlp</c> (784-128-10, one swappable activation slot)
/// trained on the first 800 MNIST fixture images; images 800–999 are held out.
/// </summary>
public static class TinyTrainedModels
{
    public const int TrainingImages = 800;

    static readonly TrainingOptions Recipe = new()
    {
        Epochs = 15, BatchSize = 50, LearningRate = 0.05, Schedule = LearningRateSchedule.Constant, WeightDecay = 0, Augment = false,
        Seed = 20200426, TrainingImages = TrainingImages,
    };

    static readonly Lazy<Dictionary<string, Tensor>> trainedWeights = new(Train);

    /// <summary>The MNIST fixture images not used for training (200).</summary>
    public static LabeledImages HeldOutMnist => TestData.Mnist.Slice(TrainingImages, TestData.Mnist.Count - TrainingImages);

    /// <summary>A fresh copy of the trained MLP (callers may change it freely) with the given activation, in eval mode.</summary>
    public static nn.Module<Tensor, Tensor> MnistMlp(ActivationSpec? activation = null)
    {
        var model = ModelRegistry.Create("mnist-mlp", activation ?? ActivationSpec.Relu);
        model.load_state_dict(trainedWeights.Value);
        model.eval();
        return model;
    }

    static Dictionary<string, Tensor> Train()
    {
        torch.manual_seed(Recipe.Seed);
        using var model = ModelRegistry.Create("mnist-mlp", ActivationSpec.Relu);
        var run = TestData.ScratchDirectory("tiny-mlp");
        try
        {
            Trainer.Run(model, TestData.Mnist, null, Recipe, run);
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
    }
}
