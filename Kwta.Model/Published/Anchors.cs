using System.Collections.Frozen;
using System.Text.Json;

namespace Kwta.Model.Published;

/// <summary>One published number: its value, unit and where it was published.</summary>
public sealed record Anchor(string Id, double Value, string Unit, string Source);

/// <summary>
/// The published numbers the suite compares with (the paper, its code, the student reproduction, RobustBench,
/// Tramèr et al.), read from expected/anchors.json, which is compiled into the assembly so that every command
/// sees the same numbers wherever it runs. docs/anchors.md explains each with its source.
/// </summary>
public static class Anchors
{
    const string Resource = "anchors.json";

    static readonly Lazy<FrozenDictionary<string, Anchor>> all = new(Load);

    public static double Value(string id) => Get(id).Value;

    public static Anchor Get(string id) =>
        all.Value.TryGetValue(id, out var anchor) ? anchor
        : throw new KeyNotFoundException($"no anchor '{id}' in expected/{Resource}.");

    public static bool Has(string id) => all.Value.ContainsKey(id);

    public static IReadOnlyCollection<Anchor> All => all.Value.Values;

    static FrozenDictionary<string, Anchor> Load()
    {
        using var stream = typeof(Anchors).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"the assembly lacks its embedded {Resource}.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("anchors").EnumerateArray()
            .Select(a => new Anchor(a.GetProperty("id").GetString()!, a.GetProperty("value").GetDouble(),
                                    a.GetProperty("unit").GetString()!, a.GetProperty("source").GetString()!))
            .ToFrozenDictionary(a => a.Id);
    }
}
