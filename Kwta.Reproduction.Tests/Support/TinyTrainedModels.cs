using Kwta.Model.Activations;
using Kwta.Model.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// A classifier that actually works, trained inside the test run in a few seconds: an MLP
/// 784-128-10 with one swappable activation slot, trained on the first 800 MNIST fixture images;
/// images 800–999 are held out. Training is in <see cref="Train"/> alone, so it can later be switched
/// to the project's Trainer.
/// </summary>
public static class TinyTrainedModels
{
    public const int TrainingImages = 800;

    static readonly Lazy<Dictionary<string, Tensor>> trainedWeights = new(Train);

    /// <summary>The MNIST fixture images not used for training (200).</summary>
    public static LabeledImages HeldOutMnist
    {
        get
        {
            var all = TestData.Mnist;
            return new LabeledImages(all.Kind, $"{all.Source}[{TrainingImages}..{all.Count})",
                                     all.Pixels[(TrainingImages * all.ImageBytes)..], all.Labels[TrainingImages..]);
        }
    }

    /// <summary>A fresh copy of the trained MLP (callers may change it freely) with the given activation, in eval mode.</summary>
    public static nn.Module<Tensor, Tensor> MnistMlp(ActivationSpec? activation = null)
    {
        var model = CreateMlp(activation ?? ActivationSpec.Relu);
        model.load_state_dict(trainedWeights.Value);
        model.eval();
        return model;
    }

    static nn.Module<Tensor, Tensor> CreateMlp(ActivationSpec activation) => nn.Sequential(
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(28 * 28, 128)),
        ("act1", new ActivationLayer(activation)),
        ("fc2", nn.Linear(128, 10)));

    static Dictionary<string, Tensor> Train()
    {
        torch.manual_seed(20200426);
        using var model = CreateMlp(ActivationSpec.Relu);
        using var optimizer = optim.Adam(model.parameters(), lr: 2e-3);
        var random = new Random(5);
        var training = TestData.Mnist.Take(TrainingImages);
        const int batchSize = 50, epochs = 15;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var order = Enumerable.Range(0, training.Count).OrderBy(_ => random.Next()).ToArray();
            for (int start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var (x, y) = training.Batch(order.AsSpan(start, batchSize));
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.forward(x), y).backward();
                optimizer.step();
            }
        }
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
    }
}
