namespace Kwta.Model.Ledger;

/// <summary>A ledger file whose content is not the one its build recorded (<see cref="LedgerDigests"/>).</summary>
public sealed class TamperedLedgerException(string path, string problem, string rebuild)
    : Exception($"{path}: {problem}. Rebuild it with `{rebuild}`.");
