using Kwta.Model.Activations;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using static TorchSharp.torch;

namespace Kwta.Model.Training;

/// <summary>
/// The reproduction's incremental step: a new model with the weights of a shipped one and another
/// activation (ReLU → k-WTA 0.2, k-WTA 0.2 → 0.1). Activations carry no weights, so the source's
/// weights load into the target activation unchanged.
/// </summary>
public static class IncrementalInit
{
    public static nn.Module<Tensor, Tensor> FromShipped(string shippedName, string architecture, ActivationSpec activation,
                                                        string modelsDirectory)
    {
        var source = ModelManifest.Load(modelsDirectory).Get(shippedName, modelsDirectory);
        if (!source.Architecture.Equals(architecture, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"shipped model {shippedName} is a {source.Architecture}, not a {architecture}.", nameof(shippedName));
        return ModelFile.Load(ModelManifest.WeightsPath(source, modelsDirectory), source.Architecture, activation, source.Sha256);
    }
}
