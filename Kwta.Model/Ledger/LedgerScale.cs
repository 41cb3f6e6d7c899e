namespace Kwta.Model.Ledger;

/// <summary>Which images a ledger cell holds: the fixtures (the official test sets' first 1000 images, shipped in
/// the repository) or the official test sets at the paper's sizes.</summary>
public enum LedgerScale { Fixtures, Full }

public static class LedgerScales
{
    public static string Name(this LedgerScale scale) => scale switch
    {
        LedgerScale.Fixtures => "fixtures",
        LedgerScale.Full => "full",
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, null),
    };

    public static LedgerScale Parse(string text) => text switch
    {
        "fixtures" => LedgerScale.Fixtures,
        "full" => LedgerScale.Full,
        _ => throw new ArgumentException($"unknown ledger scale '{text}': expected fixtures or full.", nameof(text)),
    };
}
