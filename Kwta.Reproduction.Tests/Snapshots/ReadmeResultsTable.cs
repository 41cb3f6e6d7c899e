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
    public void The_readme_results_table_is_the_verdict_snapshot() =>
        GeneratedMarkdownBlock.Verify(Path.Combine(RepositoryLayout.Root, "README.md"), Begin, End,
                                      RecordedVerdicts.Load(RepositoryLayout.Expected).RenderSummary());
}
