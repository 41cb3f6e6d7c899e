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
    /// Images each test run recomputes per cell, chosen by cost so that re-verifying every cell of every family fits
    /// the default test budget: 20 for the PGD-priced columns, 10 where an image costs several PGDs (DeepFool's ten
    /// gradients per step, unbounded PGD after PGD), 4 where an image that survives costs ~10–100 PGDs (VGA's nine
    /// targets, finite differences, PGD `strong`'s 25×, Square's 5000 queries, AutoAttack's 100 iterations per target
    /// class): on an adversarially trained model, where many survive, 10 of those cost 25–33 s per cell.
    /// </summary>
    public static int VerificationSample(ResultColumn column) => column switch
    {
        ResultColumn.DeepFool or ResultColumn.PgdUnbounded => 10,
        ResultColumn.Vga or ResultColumn.FiniteDifference or ResultColumn.PgdStrong or ResultColumn.Square or ResultColumn.AutoAttack => 4,
        _ => 20,
    };

    /// <summary>
    /// Columns whose re-verification leaves the default test run for the <c>LedgerSlow</c> category, which CI runs
    /// after it: an image that survives Square costs 5000 sequential queries whatever the sample's size, so such a
    /// cell took up to 90 s to re-verify (adv-relu's AutoAttack), and the 26 of them 6 min, more than the default run
    /// can spare. The default run still refuses these cells when stale (other attack settings, weights or data).
    /// </summary>
    public static bool VerifiedOutsideDefaultRun(ResultColumn column) => column is ResultColumn.Square or ResultColumn.AutoAttack;
}
