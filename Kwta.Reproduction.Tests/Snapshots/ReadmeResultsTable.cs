using Kwta.Model.Claims;
using Kwta.Model.IO;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// The README's results table is generated from the reviewed verdicts (expected/Verdicts.verified.md), between two
/// markers, so it can never disagree with what the tests assert. <c>KWTA_ACCEPT=1 dotnet test</c> rewrites it
/// (outside CI), as it accepts snapshots.
/// </summary>
public class ReadmeResultsTable
{
    const string Begin = "<!-- results table: generated from expected/Verdicts.verified.md; KWTA_ACCEPT=1 dotnet test rewrites it -->";
    const string End = "<!-- end of results table -->";

    [Test]
    public void The_readme_results_table_is_the_verdict_snapshot()
    {
        var readme = Path.Combine(RepositoryLayout.Root, "README.md");
        var text = File.ReadAllText(readme).ReplaceLineEndings("\n");
        int begin = text.IndexOf(Begin, StringComparison.Ordinal), end = text.IndexOf(End, StringComparison.Ordinal);
        (begin >= 0 && end > begin).Should().BeTrue($"README.md must hold the markers {Begin} … {End}");
        var expected = "\n" + RecordedVerdicts.Load(RepositoryLayout.Expected).RenderSummary();
        var actual = text[(begin + Begin.Length)..end];
        if (actual == expected) return;
        if (Environment.GetEnvironmentVariable(MarkdownSnapshot.AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 })
        {
            AtomicFile.WriteAllText(readme, text[..(begin + Begin.Length)] + expected + text[end..]);
            return;
        }
        actual.Should().Be(expected, "the README's table is generated from the verdicts; rewrite it with KWTA_ACCEPT=1 dotnet test");
    }
}
