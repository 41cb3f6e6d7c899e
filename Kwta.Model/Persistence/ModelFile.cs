using Kwta.Model.Activations;
using Kwta.Model.IO;
using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Persistence;

/// <summary>Weights in TorchSharp's format, checked against the manifest before use.</summary>
public static class ModelFile
{
    public static void Save(nn.Module model, string path) => AtomicFile.Write(path, t => model.save(t));

    /// <summary>Builds <paramref name="architecture"/> with <paramref name="activation"/> and loads the weights;
    /// every failure names the file and says what is wrong.</summary>
    public static nn.Module<Tensor, Tensor> Load(string path, string architecture, ActivationSpec activation,
                                                 string? expectedSha256 = null)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, "model file not found.");
        if (expectedSha256 is not null)
        {
            var actual = Sha256.OfFile(path);
            if (!actual.Equals(expectedSha256, StringComparison.OrdinalIgnoreCase))
                throw new ModelFileException(path,
                    $"sha256 {actual} does not match the manifest's {expectedSha256} (truncated, corrupt or replaced file).");
        }
        var model = ModelRegistry.Create(architecture, activation);
        try
        {
            model.load(path, strict: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new ModelFileException(path,
                $"cannot be loaded as a {architecture} ({e.GetType().Name}: {e.Message}); truncated, or saved from another architecture?", e);
        }
        model.eval();
        return model;
    }

    /// <summary>Loads a shipped model by its manifest name from <paramref name="modelsDirectory"/>.</summary>
    public static nn.Module<Tensor, Tensor> LoadShipped(string name, string modelsDirectory)
    {
        var entry = ModelManifest.Load(modelsDirectory).Get(name, modelsDirectory);
        return Load(ModelManifest.WeightsPath(entry, modelsDirectory), entry.Architecture,
                    ActivationSpec.Parse(entry.Activation), entry.Sha256);
    }
}
