using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>A model the attack fingerprints run on: how to load it and the transfer attack's source, its threat model, and
/// the images it is attacked on (given the model, since the linear model's labels are its own predictions).</summary>
public sealed record FingerprintSubject(string Name, ThreatModel Threat, Func<nn.Module<Tensor, Tensor>> Load,
                                 Func<nn.Module<Tensor, Tensor>> LoadTransferSource, Func<nn.Module<Tensor, Tensor>, LabeledImages> Images)
{
    /// <summary>A shipped model of <paramref name="family"/> on the first <paramref name="images"/> fixture images, with its ReLU
    /// twin as the transfer source (as <c>kwta attack</c> picks it).</summary>
    public static FingerprintSubject Shipped(ModelFamily family, ActivationSpec activation, int images) =>
        new(family.ModelName(activation), family.Threat,
            () => ModelFile.LoadShipped(family.ModelName(activation), RepositoryLayout.Models),
            () => ModelFile.LoadShipped(family.ModelName(ActivationSpec.Relu), RepositoryLayout.Models),
            _ => TestData.Of(family.Dataset).Take(images));

    /// <summary>
    /// A seeded affine classifier of MNIST images, whose input gradient is its weight row difference, exact and never masked.
    /// Its random weights get about one image in ten right, and the survivor attacks (APGD, Square) would skip the rest, so
    /// the images are labelled with its own clean predictions: every attack then works on every image.
    /// </summary>
    public static FingerprintSubject Linear(int images)
    {
        const long Pixels = 28 * 28;
        return new("linear-mnist", ThreatModel.Mnist,
                   () => RandomModels.AffineOnImages(seed: 41, Pixels, LabeledImages.Classes),
                   () => RandomModels.AffineOnImages(seed: 42, Pixels, LabeledImages.Classes),
                   model => LabelledByPredictions(model, TestData.Mnist.Take(images)));
    }

    static LabeledImages LabelledByPredictions(nn.Module<Tensor, Tensor> model, LabeledImages images)
    {
        using var scope = NewDisposeScope();
        var (x, _) = images.Range(0, images.Count);
        byte[] predictions = [.. Predictions.Of(model, x).data<long>().ToArray().Select(p => (byte)p)];
        return new LabeledImages(images.Kind, $"{images.Source} labelled by the model", images.Pixels, predictions);
    }

    public override string ToString() => Name;
}
