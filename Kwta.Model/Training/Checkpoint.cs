using System.Text.Json;
using Kwta.Model.Persistence;
using TorchSharp;
using TorchSharp.Modules;

namespace Kwta.Model.Training;

/// <summary>
/// A run's state after a whole epoch: weights, optimizer momentum, options and the log so far.
/// Written to a sibling folder and renamed into place, so a killed run loses at most the epoch
/// in progress and never leaves a half-written checkpoint.
/// </summary>
public sealed record Checkpoint(TrainingOptions Options, List<EpochRecord> Log)
{
    const string Folder = "checkpoint";
    const string WeightsFile = "model.dat";
    const string OptimizerFile = "optimizer.dat";
    const string StateFile = "state.json";

    public int CompletedEpochs => Log.Count;

    public static string PathIn(string runDirectory) => System.IO.Path.Combine(runDirectory, Folder);

    public void Save(string runDirectory, torch.nn.Module model, SGD optimizer)
    {
        var final = PathIn(runDirectory);
        var staging = final + ".new";
        var retired = final + ".old";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        model.save(System.IO.Path.Combine(staging, WeightsFile));
        optimizer.save_state_dict(System.IO.Path.Combine(staging, OptimizerFile));
        File.WriteAllText(System.IO.Path.Combine(staging, StateFile), JsonSerializer.Serialize(this));
        if (Directory.Exists(retired)) Directory.Delete(retired, recursive: true);
        if (Directory.Exists(final)) Directory.Move(final, retired);
        Directory.Move(staging, final);
        if (Directory.Exists(retired)) Directory.Delete(retired, recursive: true);
    }

    /// <summary>The last checkpoint of the run, restored into <paramref name="model"/> and
    /// <paramref name="optimizer"/>; null if there is none.</summary>
    public static Checkpoint? TryRestore(string runDirectory, TrainingOptions options, torch.nn.Module model, SGD optimizer)
    {
        var folder = PathIn(runDirectory);
        var statePath = System.IO.Path.Combine(folder, StateFile);
        if (!File.Exists(statePath)) return null;
        var saved = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(statePath))
                    ?? throw new ModelFileException(statePath, "empty checkpoint state.");
        if (saved.Options != options)
            throw new ArgumentException(
                $"{statePath}: the checkpoint was written with other options ({saved.Options}); use another run folder or delete it.", nameof(options));
        model.load(System.IO.Path.Combine(folder, WeightsFile), strict: true);
        optimizer.load_state_dict(System.IO.Path.Combine(folder, OptimizerFile));
        return saved;
    }
}
