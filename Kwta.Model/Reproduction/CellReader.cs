using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Ledger;

namespace Kwta.Model.Reproduction;

/// <summary>Reads a cell's ledger file, refused if it is missing, malformed (<see cref="LedgerRows"/>), stale against the
/// cell's <see cref="CellIdentity"/>, edited since its build (<see cref="LedgerDigests"/>), or holding a row beyond the
/// attack's radius or with another label than the images'. Reading loads no model.</summary>
public static class CellReader
{
    /// <summary>The cell's recorded outcomes.</summary>
    public static IReadOnlyList<AttackOutcome> Outcomes(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory) =>
        Read(planned, CellIdentity.Of(planned, images, modelsDirectory), images, ledgerDirectory).Outcomes;

    /// <exception cref="FileNotFoundException">The cell has no file.</exception>
    /// <exception cref="StaleLedgerException">The file was built from other settings, weights or data.</exception>
    public static LedgerFile Read(PlannedCell planned, CellIdentity identity, LabeledImages images, string ledgerDirectory)
    {
        var path = planned.Ledger.PathIn(ledgerDirectory);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no ledger for {planned.Ledger}; build it with `{planned.Ledger.BuildCommand}`.", path);
        var file = LedgerFile.Read(path);
        if (file.Header.StaleAgainst(identity.Header) is { Count: > 0 } reasons) throw new StaleLedgerException(path, reasons, planned.Ledger.BuildCommand);
        LedgerDigests.Check(planned.Ledger, ledgerDirectory);
        LedgerRows.CheckAgainst(file, path, identity.LinfRadius, images.Labels);
        return file;
    }

    /// <summary>Why the cell's existing file is refused (stale, malformed or edited since its build), or null if it is read.</summary>
    public static Exception? Refusal(PlannedCell planned, CellIdentity identity, LabeledImages images, string ledgerDirectory)
    {
        try
        {
            Read(planned, identity, images, ledgerDirectory);
            return null;
        }
        catch (Exception e) when (e is LedgerFormatException or StaleLedgerException or TamperedLedgerException)
        {
            return e;
        }
    }
}
