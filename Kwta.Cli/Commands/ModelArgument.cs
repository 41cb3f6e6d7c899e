using Kwta.Model.Activations;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Cli.Commands;

/// <summary>
/// A model named on the command line: a shipped model from models.json, or <c>ARCH:ACTIVATION</c>
/// (e.g. <c>resnet18-w16:kwta-0.2</c>) for an untrained model with a seeded random initialisation,
/// so commands work end to end before any model is shipped. The models folder is looked up only for a shipped model.
/// </summary>
sealed record ModelArgument(string Name, Architecture Architecture, ActivationSpec Activation, ModelEntry? Shipped)
{
    public static ModelArgument Parse(string text, Lazy<string> modelsDirectory)
    {
        int colon = text.IndexOf(':');
        if (colon >= 0)
            return new ModelArgument(text, ModelRegistry.Get(text[..colon]), ActivationSpec.Parse(text[(colon + 1)..]), null);
        var entry = ModelManifest.Load(modelsDirectory.Value).Get(text, modelsDirectory.Value);
        return new ModelArgument(entry.Name, ModelRegistry.Get(entry.Architecture), ActivationSpec.Parse(entry.Activation), entry);
    }

    /// <summary>The shipped weights, or a fresh model initialised from <paramref name="seed"/>; in eval mode.</summary>
    public nn.Module<Tensor, Tensor> Load(Lazy<string> modelsDirectory, long seed)
    {
        if (Shipped is not null) return ModelFile.LoadShipped(Shipped.Name, modelsDirectory.Value);
        torch.manual_seed(seed);
        var model = Architecture.Create(Activation);
        model.eval();
        return model;
    }

    /// <summary>The same architecture with ReLU: the shipped ReLU model, or for <c>ARCH:ACTIVATION</c>
    /// <c>ARCH:relu</c>, which with the same seed starts from the very same weights.</summary>
    public ModelArgument ReluTwin(Lazy<string> modelsDirectory)
    {
        if (Shipped is null) return this with { Name = $"{Architecture.Name}:{ActivationSpec.Relu}", Activation = ActivationSpec.Relu };
        var twin = ModelManifest.Load(modelsDirectory.Value).Models.FirstOrDefault(
                       m => m.Architecture == Architecture.Name && ActivationSpec.Parse(m.Activation) == ActivationSpec.Relu)
                   ?? throw new ArgumentException($"No shipped ReLU {Architecture.Name} to transfer from; pass --source.", "source");
        return Parse(twin.Name, modelsDirectory);
    }

    public override string ToString() => Shipped is null ? $"{Name} (untrained, seeded initialisation)" : Name;
}
