namespace Kwta.Model.Ledger;

/// <summary>A ledger file computed from other settings, weights or data than the current ones.</summary>
public sealed class StaleLedgerException(string path, IReadOnlyList<string> reasons, string rebuild)
    : Exception($"stale ledger {path}: {string.Join("; ", reasons)}. Rebuild it with `{rebuild}`.")
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
