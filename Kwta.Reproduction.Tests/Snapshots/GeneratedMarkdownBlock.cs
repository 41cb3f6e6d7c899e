using Kwta.Model.IO;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// A block of a committed Markdown file generated from code or a snapshot, between two marker lines, so the prose can
/// never disagree with what the tests assert. <c>KWTA_ACCEPT=1 dotnet test</c> rewrites it (outside CI), as it accepts
/// snapshots; otherwise a difference fails naming the file.
/// </summary>
public static class GeneratedMarkdownBlock
{
    public static void Verify(string file, string begin, string end, string generated)
    {
        var text = File.ReadAllText(file).ReplaceLineEndings("\n");
        int from = text.IndexOf(begin, StringComparison.Ordinal), to = text.IndexOf(end, StringComparison.Ordinal);
        (from >= 0 && to > from).Should().BeTrue($"{file} must hold the markers {begin} … {end}");
        var expected = "\n" + generated;
        var actual = text[(from + begin.Length)..to];
        if (actual == expected) return;
        if (Environment.GetEnvironmentVariable(MarkdownSnapshot.AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 })
        {
            AtomicFile.WriteAllText(file, text[..(from + begin.Length)] + expected + text[to..]);
            return;
        }
        actual.Should().Be(expected, $"{Path.GetFileName(file)}'s block is generated; rewrite it with KWTA_ACCEPT=1 dotnet test");
    }
}
