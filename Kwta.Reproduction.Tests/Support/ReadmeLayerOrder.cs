using System.Text.RegularExpressions;
using Kwta.Model.IO;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>The library's layer order as README.md's Layout table states it, the bottom layer first: the
/// backticked names outside parentheses in the row of <c>Kwta.Model/</c> (the parentheses describe a layer
/// and may name its types).</summary>
public static partial class ReadmeLayerOrder
{
    const string Row = "| `Kwta.Model/` |";

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"`(\w+)`")]
    private static partial Regex Backticked();

    public static IReadOnlyList<string> Layers()
    {
        var row = File.ReadLines(Path.Combine(RepositoryLayout.Root, "README.md")).Single(l => l.StartsWith(Row, StringComparison.Ordinal));
        var text = row[Row.Length..];
        // Innermost first, so nested parentheses go too.
        while (Parenthesised().IsMatch(text)) text = Parenthesised().Replace(text, "");
        return [.. Backticked().Matches(text).Select(m => m.Groups[1].Value)];
    }
}
