namespace Kwta.Model.Ledger;

/// <summary>A cell's recomputed samples against its ledger rows: the images whose clean prediction differs, and the
/// samples whose outcome (robust, and for a targeted attack whether the target was reached) flipped.</summary>
public sealed record CellAgreement(string Cell, int Samples, IReadOnlyList<int> CleanDifferences, IReadOnlyList<string> Flips)
{
    public int AllowedFlips => CrossMachineTolerance.AllowedFlips(Samples);

    public bool Agrees => CleanDifferences.Count <= CrossMachineTolerance.CleanDifferences && Flips.Count <= AllowedFlips;

    public override string ToString() =>
        $"{Cell}: {Samples} samples recomputed; clean predictions differ on {CleanDifferences.Count} image(s)"
        + (CleanDifferences.Count > 0 ? $" ({IndexRanges.Format(CleanDifferences)})" : "")
        + $" (allowed {CrossMachineTolerance.CleanDifferences}); outcomes flipped on {Flips.Count}"
        + (Flips.Count > 0 ? $" ({string.Join(", ", Flips)})" : "") + $" (allowed {AllowedFlips})";
}
