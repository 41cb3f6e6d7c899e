using System.Text.Json;
using System.Text.Json.Serialization;
using Kwta.Model.IO;

namespace Kwta.Model.Persistence;

/// <summary>One shipped model: what it is, where its weights are, how good it is.</summary>
public sealed record ModelEntry
{
    public required string Name { get; init; }
    public required string Architecture { get; init; }
    public required string Activation { get; init; }
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public required TrainingRecipe Recipe { get; init; }
    /// <summary>Accuracy on the official test set (<see cref="TestImages"/> images). Measured from the shipped file by
    /// <c>kwta accuracy --record</c> where <see cref="CleanAccuracyMeasuredOn"/> is set; else the training log's last epoch.</summary>
    public double CleanAccuracy { get; init; }
    public int TestImages { get; init; }
    /// <summary>The CPU and numerics settings <see cref="CleanAccuracy"/> was measured with; other CPUs may differ by a few images.</summary>
    public string? CleanAccuracyMeasuredOn { get; init; }
    /// <summary>The median of the training log's epoch times (wall clock, so it depends on the machine's load).</summary>
    public double SecondsPerEpoch { get; init; }
    public string TrainingLog { get; init; } = "";
}

/// <summary><c>models/models.json</c>: the list of shipped models.</summary>
public sealed record ModelManifest
{
    public const string FileName = "models.json";

    public List<ModelEntry> Models { get; init; } = [];

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The manifest of an existing models folder; an empty one if the folder holds none yet.</summary>
    public static ModelManifest Load(string modelsDirectory)
    {
        if (!Directory.Exists(modelsDirectory)) throw new DirectoryNotFoundException($"{modelsDirectory}: models folder does not exist.");
        var path = Path.Combine(modelsDirectory, FileName);
        if (!System.IO.File.Exists(path)) return new ModelManifest();
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(System.IO.File.ReadAllText(path), Json)
                   ?? throw new ModelFileException(path, "empty manifest.");
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, $"malformed manifest: {e.Message}", e);
        }
    }

    public void Save(string modelsDirectory) =>
        AtomicFile.WriteAllText(Path.Combine(modelsDirectory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    public ModelEntry Get(string name, string modelsDirectory) =>
        Models.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(Models.Count == 0
            ? $"Unknown model '{name}': {Path.Combine(modelsDirectory, FileName)} lists no shipped models yet."
            : $"Unknown model '{name}'. Shipped: {string.Join(", ", Models.Select(m => m.Name))}.", nameof(name));

    /// <summary>The full path of <paramref name="entry"/>'s weights, which must lie inside <paramref name="modelsDirectory"/>:
    /// a manifest never makes kwta read (and hash) a file elsewhere.</summary>
    public static string WeightsPath(ModelEntry entry, string modelsDirectory)
    {
        var folder = Path.GetFullPath(modelsDirectory);
        var path = Path.GetFullPath(Path.Combine(folder, entry.File));
        return path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ModelFileException(Path.Combine(folder, FileName), $"{entry.Name}'s file '{entry.File}' lies outside the models folder.");
    }

    /// <summary>Replaces the entry with the same name in its place, or adds it at the end.</summary>
    public ModelManifest With(ModelEntry entry) =>
        this with
        {
            Models = Models.Any(m => m.Name == entry.Name)
                ? [.. Models.Select(m => m.Name == entry.Name ? entry : m)]
                : [.. Models, entry],
        };
}
