using System.Text.Json;
using System.Text.Json.Nodes;
using Kwta.Model.IO;
using Kwta.Model.Persistence;
using TorchSharp;
using TorchSharp.Modules;

namespace Kwta.Model.Training;

/// <summary>
/// A run's state after a whole epoch: weights, optimizer momentum, options and the log so far.
/// Written to <c>checkpoint.new</c> (its state file last, atomically, so its presence marks the folder complete);
/// the previous checkpoint is renamed to <c>checkpoint.old</c>, the new one renamed into place, and only then is the
/// old one deleted. <see cref="Recover"/> finishes or undoes a save a kill interrupted, so a killed run loses at
/// most the epoch in progress and never both checkpoints.
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
        Recover(runDirectory); // afterwards only checkpoint/ can exist, so nothing below deletes the only copy
        var (final, staging, retired) = Folders(runDirectory);
        Directory.CreateDirectory(staging);
        model.save(System.IO.Path.Combine(staging, WeightsFile));
        optimizer.save_state_dict(System.IO.Path.Combine(staging, OptimizerFile));
        AtomicFile.WriteAllText(System.IO.Path.Combine(staging, StateFile), JsonSerializer.Serialize(this));
        if (Directory.Exists(final)) Directory.Move(final, retired);
        Directory.Move(staging, final);
        if (Directory.Exists(retired)) Directory.Delete(retired, recursive: true);
    }

    /// <summary>
    /// Leaves the run folder with at most <c>checkpoint/</c>, the newest complete checkpoint, after a kill at any point
    /// of <see cref="Save"/>: a complete <c>checkpoint.new</c> whose rename was interrupted is moved into place, else a
    /// retired <c>checkpoint.old</c> is put back; leftovers are deleted only once a complete checkpoint is in place.
    /// </summary>
    public static void Recover(string runDirectory)
    {
        var (final, staging, retired) = Folders(runDirectory);
        if (!Directory.Exists(final))
        {
            if (File.Exists(System.IO.Path.Combine(staging, StateFile))) Directory.Move(staging, final);
            else if (Directory.Exists(retired)) Directory.Move(retired, final);
        }
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        if (Directory.Exists(retired)) Directory.Delete(retired, recursive: true);
    }

    static (string Final, string Staging, string Retired) Folders(string runDirectory)
    {
        var final = PathIn(runDirectory);
        return (final, final + ".new", final + ".old");
    }

    /// <summary>The last checkpoint of the run (after <see cref="Recover"/>), restored into <paramref name="model"/> and
    /// <paramref name="optimizer"/>; null if there is none.</summary>
    public static Checkpoint? TryRestore(string runDirectory, TrainingOptions options, torch.nn.Module model, SGD optimizer)
    {
        Recover(runDirectory);
        var folder = PathIn(runDirectory);
        var statePath = System.IO.Path.Combine(folder, StateFile);
        if (!File.Exists(statePath)) return null;
        var saved = Read(statePath);
        if (saved.Options != options)
            throw new ArgumentException(
                $"{statePath}: the checkpoint was written with other options ({TrainingOptions.Differences(saved.Options, options)}); " +
                "use another run folder or delete it.", nameof(options));
        model.load(System.IO.Path.Combine(folder, WeightsFile), strict: true);
        optimizer.load_state_dict(System.IO.Path.Combine(folder, OptimizerFile));
        return saved;
    }

    /// <summary>Checkpoints written before the options shared their plan with the manifest's recipe name these
    /// two settings as the options then did; renamed on reading, they resume.</summary>
    static readonly (string Before, string Now)[] RenamedOptions = [("Schedule", "learningRateSchedule"), ("Augment", "augmentation")];

    static Checkpoint Read(string statePath)
    {
        var state = JsonNode.Parse(File.ReadAllText(statePath));
        if (state?["Options"] is JsonObject options)
            foreach (var (before, now) in RenamedOptions)
                if (options.TryGetPropertyValue(before, out var value) && options.Remove(before)) options[now] = value;
        return state.Deserialize<Checkpoint>() ?? throw new ModelFileException(statePath, "empty checkpoint state.");
    }
}
