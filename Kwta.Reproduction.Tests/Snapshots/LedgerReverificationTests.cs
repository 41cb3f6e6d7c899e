using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// Every cell of every family whose fixtures ledger is committed is attacked again on its fixed sample and compared
/// with the ledger image by image (docs/ledger.md): the claims those families decide from the ledger rest on outcomes
/// this code still produces. A stale cell fails with what changed and the command that rebuilds it; a missing one
/// (a family's ledger half committed) with the command that builds it. C9's cells, built last, are verified where
/// committed: until all of them are, C9 is not decided for the family (<see cref="FamilyLedger"/>). Committed
/// full-scale cells are checked on the fixture images they hold. Square's and AutoAttack's cells are re-verified in
/// the LedgerSlow category, which CI runs after the default run; the survivors of the columns where a survivor is
/// costly, in the LedgerNightly category, which CI's nightly workflow runs.
/// </summary>
public class LedgerReverificationTests
{
    static IEnumerable<PlannedCell> CommittedCells() =>
        from cell in LedgerPlan.Cells(LedgerScale.Fixtures, ModelFamily.All.Where(f => FamilyLedger.IsPresent(f, LedgerScale.Fixtures, RepositoryLayout.Ledger)))
        where !cell.Table.Column.IsMaskingIndicator() || File.Exists(cell.Ledger.PathIn(RepositoryLayout.Ledger))
        select cell;

    static IEnumerable<TestCaseData> Cells() =>
        from cell in CommittedCells()
        where !LedgerPlan.VerifiedOutsideDefaultRun(cell.Table.Column)
        select new TestCaseData(cell).SetName($"Ledger cell {cell} reproduces on this machine");

    static IEnumerable<TestCaseData> SlowCells() =>
        from cell in CommittedCells()
        where LedgerPlan.VerifiedOutsideDefaultRun(cell.Table.Column)
        select new TestCaseData(cell).SetName($"Ledger cell {cell} reproduces on this machine (slow)");

    static IEnumerable<TestCaseData> NightlyCells() =>
        from cell in CommittedCells()
        where LedgerPlan.NightlyVerification(cell.Table.Column) is not null
        select new TestCaseData(cell).SetName($"Ledger cell {cell}'s survivors reproduce on this machine (nightly)");

    /// <summary>The full scale is built cell by cell; each committed cell is checked on the fixture images it holds.</summary>
    static IEnumerable<TestCaseData> FullScaleCells() =>
        from cell in LedgerPlan.Cells(LedgerScale.Full, ModelFamily.All)
        where File.Exists(cell.Ledger.PathIn(RepositoryLayout.Ledger))
        select new TestCaseData(cell).SetName($"Full-scale ledger cell {cell} reproduces on the fixtures");

    [TestCaseSource(nameof(FullScaleCells))]
    public void Full_scale_ledger_cell_reproduces_on_the_fixtures(PlannedCell cell) =>
        ShouldAgree(cell, CellVerifier.VerifyOnFixtures(cell, TestData.Of(cell.Table.Family.Dataset), RepositoryLayout.Models, RepositoryLayout.Ledger));

    [TestCaseSource(nameof(Cells))]
    public void Ledger_cell_reproduces(PlannedCell cell) =>
        ShouldAgree(cell, CellVerifier.Verify(cell, TestData.Of(cell.Table.Family.Dataset), RepositoryLayout.Models, RepositoryLayout.Ledger));

    /// <summary>The cells too costly for the default run (<see cref="LedgerPlan.VerifiedOutsideDefaultRun"/>): CI runs them
    /// after it (`dotnet test --filter TestCategory=LedgerSlow`, .ci/run).</summary>
    [TestCaseSource(nameof(SlowCells)), Explicit("re-verification too costly for the default run; .ci/run runs it"), Category("LedgerSlow")]
    public void Ledger_cell_reproduces_slowly(PlannedCell cell) => Ledger_cell_reproduces(cell);

    /// <summary>The survivors the test run leaves out where a survivor is costly (<see cref="LedgerPlan.NightlyVerification"/>):
    /// CI's nightly workflow runs them (`dotnet test --filter TestCategory=LedgerNightly`).</summary>
    [TestCaseSource(nameof(NightlyCells)), Explicit("survivors too costly for .ci/run; the nightly workflow runs them"), Category("LedgerNightly")]
    public void Ledger_cell_survivors_reproduce(PlannedCell cell) =>
        ShouldAgree(cell, CellVerifier.Verify(cell, TestData.Of(cell.Table.Family.Dataset), RepositoryLayout.Models, RepositoryLayout.Ledger,
                                              LedgerPlan.NightlyVerification(cell.Table.Column)));

    static void ShouldAgree(PlannedCell cell, CellAgreement agreement)
    {
        TestContext.Progress.WriteLine(agreement.ToString());
        agreement.Agrees.Should().BeTrue($"{agreement}; if the change is intended, rebuild the cell with `{cell.Ledger.BuildCommand}`");
    }
}
