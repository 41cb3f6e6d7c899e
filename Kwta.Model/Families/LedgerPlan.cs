using Kwta.Model.Ledger;

namespace Kwta.Model.Families;

/// <summary>
/// The ledger's cells: every column of every family's table at a scale, with the sizes of
/// <see cref="ReproductionSettings.Fixtures"/> or <see cref="ReproductionSettings.Full"/>. Clean accuracy has no cell
/// of its own: it is the PGD cell's clean predictions.
/// </summary>
public static class LedgerPlan
{
    /// <summary>Build order: the columns most verdicts rest on first, the costliest last.</summary>
    static readonly ResultColumn[] BuildOrder =
    [
        ResultColumn.Pgd, ResultColumn.PgdSeedFoolbox, ResultColumn.Transfer, ResultColumn.Bpda,
        ResultColumn.DeepFool, ResultColumn.Vga, ResultColumn.FiniteDifference,
        ResultColumn.PgdUnbounded, ResultColumn.PgdStrong, ResultColumn.Square, ResultColumn.AutoAttack,
    ];

    public static ReproductionSettings Settings(LedgerScale scale) =>
        scale == LedgerScale.Fixtures ? ReproductionSettings.Fixtures : ReproductionSettings.Full;

    /// <summary>The cells of <paramref name="families"/>, each once: a model two families share has one file per column.</summary>
    public static IReadOnlyList<PlannedCell> Cells(LedgerScale scale, IEnumerable<ModelFamily> families) =>
    [
        .. (from family in families
            from cell in TableCell.All(family, Settings(scale))
            where cell.Column != ResultColumn.Clean
            orderby Array.IndexOf(BuildOrder, cell.Column)
            select new PlannedCell(cell, scale)).DistinctBy(c => c.Ledger),
    ];

    /// <summary>
    /// The sample each test run recomputes per cell (<see cref="VerificationStrata"/>), sized by cost so that re-verifying
    /// every cell of every family fits the test budget: 20 images for the PGD-priced columns, 10 where an image costs
    /// several PGDs (DeepFool's ten gradients per step, unbounded PGD after PGD), 4 for VGA's nine targets. Where only a
    /// survivor costs ~10–100 PGDs (PGD `strong`'s 25× after PGD, finite differences' sampled gradients, Square's 5000
    /// queries, AutoAttack's 100 iterations per target class) and a broken image stops early, the test run checks broken
    /// images only and leaves the survivors to <see cref="NightlyVerification"/>: on an adversarially trained model,
    /// where many survive, 4 of those cost 25–85 s per cell. VGA's 40 steps along the gradient's magnitude, PGD
    /// `strong`'s 5 × 200 steps and AutoAttack's APGD fork on the last bits of a pass, which depend on the batch, so their
    /// samples are compared as across CPUs even on the CPU the cell was built on (measured; docs/testing.md, "Numbers on
    /// one CPU").
    /// </summary>
    public static VerificationStrata Verification(ResultColumn column) => column switch
    {
        ResultColumn.PgdStrong or ResultColumn.AutoAttack =>
            new(NearestSurvivors: 0, NearestBroken: 1, Random: 2, RandomAmongSurvivors: false, RepeatsOnItsCpu: false),
        _ when SurvivorsAreCostly(column) => new(NearestSurvivors: 0, NearestBroken: 1, Random: 2, RandomAmongSurvivors: false),
        ResultColumn.DeepFool or ResultColumn.PgdUnbounded => new(NearestSurvivors: 3, NearestBroken: 3, Random: 4),
        ResultColumn.Vga => new(NearestSurvivors: 1, NearestBroken: 1, Random: 2, RepeatsOnItsCpu: false),
        _ => new(NearestSurvivors: 6, NearestBroken: 6, Random: 8),
    };

    /// <summary>The survivors <see cref="Verification"/> leaves out, re-verified by the nightly tier (category
    /// <c>LedgerNightly</c>, docs/testing.md); null for a column whose survivors the test run checks. A survivor runs
    /// the attack's whole budget, along which the path forks on the last bits (measured: Square's 5000 accept-or-reject
    /// steps broke a survivor of resnet18-w16-adv-kwta-0.1 at margin 0.05), so they are compared as across CPUs.</summary>
    public static VerificationStrata? NightlyVerification(ResultColumn column) =>
        SurvivorsAreCostly(column) ? new(NearestSurvivors: 4, NearestBroken: 0, Random: 0, RepeatsOnItsCpu: false) : null;

    static bool SurvivorsAreCostly(ResultColumn column) =>
        column is ResultColumn.PgdStrong or ResultColumn.FiniteDifference or ResultColumn.Square or ResultColumn.AutoAttack;

    /// <summary>
    /// Columns whose re-verification leaves the default test run for the <c>LedgerSlow</c> category, which CI runs
    /// after it: even without survivors (<see cref="Verification"/>), a broken image may take Square thousands of
    /// sequential queries (up to 28 s a cell on alexnet-cifar), more than the default run can spare for 26 cells. The
    /// default run still refuses these cells when stale (other attack settings, weights or data).
    /// </summary>
    public static bool VerifiedOutsideDefaultRun(ResultColumn column) => column is ResultColumn.Square or ResultColumn.AutoAttack;
}
