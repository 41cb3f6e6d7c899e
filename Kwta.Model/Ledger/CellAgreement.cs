namespace Kwta.Model.Ledger;

/// <summary>A cell's recomputed samples against its ledger rows: the images whose clean prediction differs, and the
/// samples whose outcome flipped. It agrees when at most one clean prediction differs and every flip is one rounding
/// can make: near the boundary (<see cref="OutcomeFlip.NearBoundary"/>) and no more of them than another CPU may flip.</summary>
public sealed record CellAgreement(string Cell, int Samples, IReadOnlyList<int> CleanDifferences, IReadOnlyList<OutcomeFlip> Flips)
{
    public int AllowedFlips => CrossMachineTolerance.AllowedFlips(Samples);

    public IReadOnlyList<OutcomeFlip> ConfidentFlips => [.. Flips.Where(f => !f.NearBoundary)];

    public bool Agrees => CleanDifferences.Count <= CrossMachineTolerance.CleanDifferences && ConfidentFlips.Count == 0 && Flips.Count <= AllowedFlips;

    public override string ToString() =>
        $"{Cell}: {Samples} samples recomputed; clean predictions differ on {CleanDifferences.Count} image(s)"
        + (CleanDifferences.Count > 0 ? $" ({IndexRanges.Format(CleanDifferences)})" : "")
        + $" (allowed {CrossMachineTolerance.CleanDifferences}); outcomes flipped on {Flips.Count}"
        + (Flips.Count > 0 ? $" ({string.Join(", ", Flips)})" : "")
        + $" (allowed {AllowedFlips}, each with both margins within ±{CrossMachineTolerance.RoundingMargin:G3})";
}
