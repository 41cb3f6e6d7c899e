using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kwta.Model.Persistence;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// Verify-style snapshot check for Markdown tables (Verify.NUnit is not on our registry; the file
/// conventions are Verify's, so switching later is trivial). Text and structure must match exactly;
/// numbers in table cells after the first column may differ by <c>numericTolerance</c>, because
/// floating-point differences between CPUs can flip a few adversarial outcomes. Row labels and
/// lines outside tables compare exactly. On mismatch the rendering is written to
/// <c>expected/NAME.received.md</c> and the test fails with the differing lines.
/// <c>KWTA_ACCEPT=1 dotnet test</c> (or <c>kwta snapshots accept</c>) promotes received to verified.
/// </summary>
public static partial class MarkdownSnapshot
{
    public const string AcceptVariable = "KWTA_ACCEPT";

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();

    public static void Verify(string name, string rendered, double numericTolerance, string? directory = null)
    {
        directory ??= RepositoryLayout.Expected;
        var verified = SnapshotFiles.Verified(directory, name);
        var received = SnapshotFiles.Received(directory, name);
        rendered = rendered.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            AtomicFile.WriteAllText(verified, rendered);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (!File.Exists(verified))
        {
            AtomicFile.WriteAllText(received, rendered);
            throw new SnapshotMismatchException($"No verified snapshot {verified}. Review {received} and accept it with {AcceptVariable}=1 dotnet test or `kwta snapshots accept`.");
        }
        var differences = Differences(File.ReadAllText(verified).ReplaceLineEndings("\n"), rendered, numericTolerance);
        if (differences.Count == 0)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        AtomicFile.WriteAllText(received, rendered);
        var message = new StringBuilder($"{name}: {differences.Count} line(s) differ from {verified} (numbers within ±{numericTolerance} count as equal); received written to {received}.\n");
        foreach (var d in differences.Take(20)) message.Append(d).Append('\n');
        throw new SnapshotMismatchException(message.ToString());
    }

    /// <summary>Readable differences, line by line; empty when the two agree within tolerance.</summary>
    public static IReadOnlyList<string> Differences(string expected, string actual, double numericTolerance)
    {
        var e = expected.TrimEnd('\n').Split('\n');
        var a = actual.TrimEnd('\n').Split('\n');
        var differences = new List<string>();
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var expectedLine = i < e.Length ? e[i] : "(missing)";
            var actualLine = i < a.Length ? a[i] : "(missing)";
            if (!LinesAgree(expectedLine, actualLine, numericTolerance))
                differences.Add($"  line {i + 1}\n    - {expectedLine}\n    + {actualLine}");
        }
        return differences;
    }

    static bool LinesAgree(string expected, string actual, double tolerance)
    {
        if (expected == actual) return true;
        var (expectedLabel, expectedCells) = SplitRow(expected);
        var (actualLabel, actualCells) = SplitRow(actual);
        if (expectedLabel != actualLabel) return false;
        if (Number().Replace(expectedCells, "#") != Number().Replace(actualCells, "#")) return false;
        var expectedNumbers = Number().Matches(expectedCells);
        var actualNumbers = Number().Matches(actualCells);
        for (int i = 0; i < expectedNumbers.Count; i++)
        {
            double x = double.Parse(expectedNumbers[i].Value, CultureInfo.InvariantCulture);
            double y = double.Parse(actualNumbers[i].Value, CultureInfo.InvariantCulture);
            if (Math.Abs(x - y) > tolerance + 1e-9) return false;
        }
        return true;
    }

    /// <summary>A table row as (first cell, the rest); any other line is all label.</summary>
    static (string Label, string Cells) SplitRow(string line)
    {
        if (!line.StartsWith('|')) return (line, "");
        int second = line.IndexOf('|', 1);
        return second < 0 ? (line, "") : (line[..second], line[second..]);
    }
}
