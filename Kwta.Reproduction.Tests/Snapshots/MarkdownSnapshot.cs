using System.Text;
using Kwta.Model.IO;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// Verify-style snapshot check for Markdown, and for the attack fingerprints' CSV (Verify.NUnit is not on our registry; the file conventions are
/// Verify's, so switching later is trivial). A comparison says which lines differ (<see cref="Exact"/>, or for result tables
/// <see cref="ResultTableComparison"/>, whose counts may move by what another CPU flips).
/// On mismatch the rendering is written to <c>expected/NAME.received.md</c> and the test fails with the
/// differing lines. <c>KWTA_ACCEPT=1 dotnet test</c> (or <c>kwta snapshots accept</c>) promotes received to
/// verified; under CI acceptance is refused, so a CI run always compares.
/// </summary>
public static class MarkdownSnapshot
{
    public const string AcceptVariable = "KWTA_ACCEPT";

    public static void Verify(string name, string rendered, Func<string, string, IReadOnlyList<string>> differences, string? directory = null,
                              string extension = SnapshotFiles.Markdown)
    {
        directory ??= RepositoryLayout.Expected;
        var verified = SnapshotFiles.Verified(directory, name, extension);
        var received = SnapshotFiles.Received(directory, name, extension);
        rendered = rendered.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
                throw new SnapshotMismatchException($"{AcceptVariable}=1 is refused under CI: snapshots are accepted by a person, after review.");
            AtomicFile.WriteAllText(verified, rendered);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (!File.Exists(verified))
        {
            AtomicFile.WriteAllText(received, rendered);
            throw new SnapshotMismatchException($"No verified snapshot {verified}. Review {received} and accept it with {AcceptVariable}=1 dotnet test or `kwta snapshots accept`.");
        }
        var found = differences(File.ReadAllText(verified).ReplaceLineEndings("\n"), rendered);
        if (found.Count == 0)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        AtomicFile.WriteAllText(received, rendered);
        var message = new StringBuilder($"{name}: {found.Count} line(s) differ from {verified}; received written to {received}.\n");
        foreach (var d in found.Take(20)) message.Append(d).Append('\n');
        throw new SnapshotMismatchException(message.ToString());
    }

    /// <summary>Every line must match exactly (the verdicts: a changed verdict is a change to review).</summary>
    public static IReadOnlyList<string> Exact(string expected, string actual)
    {
        var e = expected.TrimEnd('\n').Split('\n');
        var a = actual.TrimEnd('\n').Split('\n');
        return [.. Enumerable.Range(0, Math.Max(e.Length, a.Length))
            .Select(i => (Line: i + 1, Expected: i < e.Length ? e[i] : "(missing)", Actual: i < a.Length ? a[i] : "(missing)"))
            .Where(l => l.Expected != l.Actual)
            .Select(l => $"  line {l.Line}\n    - {l.Expected}\n    + {l.Actual}")];
    }
}
