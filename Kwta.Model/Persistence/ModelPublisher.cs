using Kwta.Model.IO;

namespace Kwta.Model.Persistence;

/// <summary>Puts a finished model into <c>models/</c>: weights, manifest entry and training log.</summary>
public static class ModelPublisher
{
    public const string LogsFolder = "logs";

    /// <summary>Writes <c>NAME.dat</c>, copies the run's CSV log to <c>logs/NAME.csv</c> and adds or
    /// replaces the manifest entry (file and sha256 filled in here).</summary>
    public static ModelEntry Publish(TorchSharp.torch.nn.Module model, ModelEntry entry, string runLog, string modelsDirectory)
    {
        var weights = Path.Combine(modelsDirectory, ModelName.Validate(entry.Name) + ".dat");
        ModelFile.Save(model, weights);
        var log = Path.Combine(LogsFolder, entry.Name + ".csv");
        CopyLog(runLog, Path.Combine(modelsDirectory, log));
        var published = entry with { File = Path.GetFileName(weights), Sha256 = Sha256.OfFile(weights), TrainingLog = log };
        ModelManifest.Load(modelsDirectory).With(published).Save(modelsDirectory);
        return published;
    }

    /// <summary>Keeps a run's log in <c>logs/</c> without shipping its weights (the convergence record).</summary>
    public static string RecordLog(string runLog, string name, string modelsDirectory)
    {
        var log = LogPath(name, modelsDirectory);
        CopyLog(runLog, log);
        return log;
    }

    /// <summary>Where the training log of a shipped model or a convergence record lives.</summary>
    public static string LogPath(string name, string modelsDirectory) => Path.Combine(modelsDirectory, LogsFolder, ModelName.Validate(name) + ".csv");

    static void CopyLog(string from, string to) => AtomicFile.Write(to, t => File.Copy(from, t, overwrite: true));
}
