using Kwta.Model.Families;
using Kwta.Model.Reporting;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>The result tables of the default reproduction, compared with expected/Results.FAMILY.verified.md: exactly
/// where every outcome was read from the ledger (reading a file has no CPU variance, so one changed row is a change to
/// review), within what another CPU may flip where they were computed in this run.</summary>
public class ResultTableSnapshots
{
    [TestCaseSource(typeof(ReproductionResults), nameof(ReproductionResults.DecidedFamilies))]
    public void The_result_table_matches_its_verified_snapshot(string family)
    {
        var results = ReproductionResults.For(family);
        MarkdownSnapshot.Verify($"Results.{family}", ResultTables.Markdown(results),
                                results.ReadFromLedger ? MarkdownSnapshot.Exact : ResultTableComparison.Differences);
    }
}
