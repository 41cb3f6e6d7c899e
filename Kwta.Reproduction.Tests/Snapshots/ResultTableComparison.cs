using System.Globalization;
using System.Text.RegularExpressions;
using Kwta.Model.Ledger;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// Compares a result table with its verified snapshot in images, not percentage points: each cell's accuracy
/// is turned back into a count with the n of the table's "images" row, and two counts agree when they differ
/// by at most <see cref="CrossMachineTolerance.AllowedFlips"/>(n), what other CPUs may flip. Intervals are
/// derived from the counts and are not compared; everything else (text, labels, published numbers in
/// brackets, n) must match exactly.
/// </summary>
public static partial class ResultTableComparison
{
    [GeneratedRegex(@"^(?<percent>\d+(?:\.\d+)?)(?: \([\d.]+–[\d.]+\))?(?<rest>.*)$")]
    private static partial Regex AccuracyCell();

    const string ImagesRowLabel = "images";

    /// <summary>Readable differences, line by line; empty when the two agree.</summary>
    public static IReadOnlyList<string> Differences(string expected, string actual)
    {
        var e = expected.TrimEnd('\n').Split('\n');
        var a = actual.TrimEnd('\n').Split('\n');
        var differences = new List<string>();
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var expectedLine = i < e.Length ? e[i] : "(missing)";
            var actualLine = i < a.Length ? a[i] : "(missing)";
            var why = expectedLine == actualLine ? null : Mismatch(Cells(expectedLine), Cells(actualLine), ImagesRow(e, i));
            if (expectedLine != actualLine && why is not null)
                differences.Add($"  line {i + 1}: {why}\n    - {expectedLine}\n    + {actualLine}");
        }
        return differences;
    }

    /// <summary>Null when two rows agree within the allowed flips, else why not.</summary>
    static string? Mismatch(string[]? expected, string[]? actual, int[]? images)
    {
        if (expected is null || actual is null || expected.Length != actual.Length || images is null || images.Length != expected.Length)
            return "the text differs";
        if (expected[0] != actual[0] || expected[0] == ImagesRowLabel) return "the text differs";
        for (int column = 1; column < expected.Length; column++)
        {
            if (expected[column] == actual[column]) continue;
            var x = AccuracyCell().Match(expected[column]);
            var y = AccuracyCell().Match(actual[column]);
            if (!x.Success || !y.Success || x.Groups["rest"].Value != y.Groups["rest"].Value || images[column] <= 0)
                return $"column {column + 1}: the text differs";
            int n = images[column];
            int expectedCount = Count(x.Groups["percent"].Value, n), actualCount = Count(y.Groups["percent"].Value, n);
            int allowed = CrossMachineTolerance.AllowedFlips(n);
            if (Math.Abs(expectedCount - actualCount) > allowed)
                return $"column {column + 1}: {expectedCount} → {actualCount} of {n} images, more than the {allowed} another CPU may flip";
        }
        return null;
    }

    static int Count(string percent, int images) =>
        (int)Math.Round(double.Parse(percent, CultureInfo.InvariantCulture) * images / 100);

    /// <summary>The cells of a table row without their padding (first cell: the row label); null for a line outside a table.</summary>
    static string[]? Cells(string line) =>
        line.StartsWith('|') && line.EndsWith('|') ? [.. line[1..^1].Split('|').Select(c => c.Trim())] : null;

    /// <summary>n per column of the table holding line <paramref name="from"/>: its row labelled "images" ("–" = 0), the first at or below the line.</summary>
    static int[]? ImagesRow(string[] lines, int from) =>
        lines.Skip(from).Select(Cells).FirstOrDefault(c => c is not null && c[0] == ImagesRowLabel)
            ?.Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
}
