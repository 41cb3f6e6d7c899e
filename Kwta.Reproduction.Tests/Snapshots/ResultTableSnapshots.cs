using Kwta.Model.Reporting;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>The result tables of the default reproduction, compared with expected/Results.FAMILY.verified.md.</summary>
public class ResultTableSnapshots
{
    [TestCaseSource(typeof(ReproductionResults), nameof(ReproductionResults.DecidedFamilies))]
    public void The_result_table_matches_its_verified_snapshot(string family) =>
        MarkdownSnapshot.Verify($"Results.{family}", ResultTables.Markdown(ReproductionResults.For(family)),
                                ResultTableComparison.Differences);
}
