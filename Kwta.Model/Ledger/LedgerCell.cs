namespace Kwta.Model.Ledger;

/// <summary>One cell of the ledger: a shipped model under one attack column at one scale. Its outcomes live in
/// LEDGER/SCALE/MODEL/ATTACK.csv.</summary>
public sealed record LedgerCell(LedgerScale Scale, string Model, string Attack)
{
    public string RelativePath => Path.Combine(Scale.Name(), Model, Attack + ".csv");

    public string PathIn(string ledgerDirectory) => Path.Combine(ledgerDirectory, RelativePath);

    /// <summary>The command that builds (or rebuilds) this cell, for messages about a missing or stale file.</summary>
    public string BuildCommand => $"kwta ledger build --scale {Scale.Name()} --model {Model} --attack {Attack}";

    public override string ToString() => $"{Scale.Name()}/{Model}/{Attack}";
}
