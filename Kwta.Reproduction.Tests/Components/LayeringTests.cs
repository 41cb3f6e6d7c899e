using System.Text.RegularExpressions;
using Kwta.Model.IO;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>
/// The library's folders are layers: IO, Runtime and Published at the bottom, then Data, Activations, Models,
/// Persistence, Attacks, Evaluation, Training, Benchmarks, Reproduction, Claims and Reporting on top. A folder
/// names only folders below it (by <c>using</c> or a qualified name), so the namespace graph has no cycle.
/// </summary>
public partial class LayeringTests
{
    [GeneratedRegex(@"(?:using (?:static )?|\b)Kwta\.Model\.(\w+)")]
    private static partial Regex Reference();

    static Dictionary<string, HashSet<string>> NamespaceGraph()
    {
        var library = Path.Combine(RepositoryLayout.Root, "Kwta.Model");
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(library, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length < 2 || relative[0] is "bin" or "obj") continue;
            var folder = relative[0];
            var edges = graph.TryGetValue(folder, out var e) ? e : graph[folder] = [];
            foreach (Match m in Reference().Matches(File.ReadAllText(file)))
                if (m.Groups[1].Value != folder) edges.Add(m.Groups[1].Value);
        }
        return graph;
    }

    [Test]
    public void The_library_namespaces_form_no_cycle()
    {
        var graph = NamespaceGraph();
        graph.Keys.Should().Contain(["Attacks", "Evaluation", "Claims", "Reproduction", "Reporting", "Data", "Persistence", "IO"]);
        var cycles = new List<string>();
        foreach (var start in graph.Keys)
            if (PathBack(graph, start, start, []) is { } cycle) cycles.Add(string.Join(" → ", cycle));
        cycles.Should().BeEmpty();
    }

    /// <summary>A path from <paramref name="from"/> back to <paramref name="target"/>, or null.</summary>
    static List<string>? PathBack(Dictionary<string, HashSet<string>> graph, string from, string target, HashSet<string> seen)
    {
        foreach (var next in graph.GetValueOrDefault(from, []))
        {
            if (next == target) return [from, next];
            if (!seen.Add(next)) continue;
            if (PathBack(graph, next, target, seen) is { } rest) return [from, .. rest];
        }
        return null;
    }
}
