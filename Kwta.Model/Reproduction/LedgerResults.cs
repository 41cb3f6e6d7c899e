using Kwta.Model.Data;
using Kwta.Model.Ledger;

namespace Kwta.Model.Reproduction;

/// <summary>
/// A family's results read from its ledger cells at one scale instead of computed: each column's per-image outcomes in
/// image order, and clean accuracy from the PGD cell's clean predictions. A family's ledger at a scale is absent (no
/// cell file), complete, or incomplete, which <see cref="Load"/> refuses naming the missing cells: a half-built ledger
/// never decides a claim alone; only a run at the ledger's own sizes may complete it (<see cref="Recorded"/>). The
/// gradient-masking indicators' cells are the costliest and are built last; they are read where present, and C9 is
/// decided only once all of them are (C9's rule in the Claims layer), so a ledger without them
/// decides every other claim.
/// </summary>
public static class LedgerResults
{
    /// <summary>Whether a cell of a model <paramref name="family"/> owns (<see cref="ModelFamily.Owns"/>) has a file: the
    /// files of the models it shares with another family belong to that family's ledger.</summary>
    public static bool IsPresent(ModelFamily family, LedgerScale scale, string ledgerDirectory) =>
        LedgerPlan.Cells(scale, [family]).Any(c => family.Owns(c.Table.Model) && File.Exists(c.Ledger.PathIn(ledgerDirectory)));

    /// <summary>The cells of <paramref name="family"/>'s ledger at <paramref name="scale"/> that its claims other than C9
    /// rest on: a ledger missing any of them decides nothing.</summary>
    public static IReadOnlyList<PlannedCell> Required(ModelFamily family, LedgerScale scale) =>
        [.. LedgerPlan.Cells(scale, [family]).Where(c => !c.Table.Column.IsMaskingIndicator())];

    /// <summary>The <see cref="Required"/> cells that have no file yet.</summary>
    public static IReadOnlyList<PlannedCell> Missing(ModelFamily family, LedgerScale scale, string ledgerDirectory) =>
        [.. Required(family, scale).Where(c => !File.Exists(c.Ledger.PathIn(ledgerDirectory)))];

    /// <summary>The outcomes of every cell of <paramref name="family"/>'s ledger at <paramref name="scale"/> that has a file,
    /// for a run at the ledger's own sizes that computes the others (the full scale is built cell by cell).</summary>
    public static RecordedOutcomes Recorded(ModelFamily family, LedgerScale scale, LabeledImages images, string modelsDirectory, string ledgerDirectory) =>
        new($"the {scale.Name()} ledger ({Path.Combine(ledgerDirectory, scale.Name())})",
            LedgerPlan.Cells(scale, [family]).Where(c => File.Exists(c.Ledger.PathIn(ledgerDirectory))).ToDictionary(
                c => (c.Table.Activation, c.Table.Column),
                c => (IReadOnlyList<bool>)[.. LedgerCells.Outcomes(c, images, modelsDirectory, ledgerDirectory).Select(o => o.Robust)]));

    public static FamilyResults Load(ModelFamily family, LedgerScale scale, LabeledImages images, string modelsDirectory, string ledgerDirectory)
    {
        var planned = LedgerPlan.Cells(scale, [family]);
        var required = Required(family, scale);
        var missing = Missing(family, scale, ledgerDirectory);
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"{ledgerDirectory}: the {scale.Name()} ledger of {family.Name} lacks {missing.Count} of the {required.Count} cells its claims rest on ({string.Join(", ", missing.Select(c => c.Table.Model + "/" + c.Ledger.Attack))}); " +
                $"build them with `kwta ledger build --scale {scale.Name()} --family {family.Name}`.");
        var cells = planned.Where(c => File.Exists(c.Ledger.PathIn(ledgerDirectory))).ToList();
        var results = ReproductionRunner.NewResults(family, LedgerPlan.Settings(scale), modelsDirectory,
                                                    $"the {scale.Name()} ledger ({Path.Combine(ledgerDirectory, scale.Name())})");
        foreach (var cell in cells)
        {
            var outcomes = LedgerCells.Outcomes(cell, images, modelsDirectory, ledgerDirectory);
            results.Add(cell.Table.Activation, cell.Table.Column, outcomes.Select(o => o.Robust).ToArray());
            if (cell.Table.Column == ResultColumn.Pgd)
                results.Add(cell.Table.Activation, ResultColumn.Clean, outcomes.Select(o => o.CleanCorrect).ToArray());
        }
        ReproductionRunner.MeasureSilentGradients(results, images, modelsDirectory);
        results.ReadFromLedger = true;
        return results;
    }
}
