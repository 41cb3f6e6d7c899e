using System.Globalization;
using Kwta.Model.Evaluation;

namespace Kwta.Model.Ledger;

/// <summary>
/// A cell's recomputed sample against its ledger rows. Under <see cref="VerificationRule.SameCpu"/> it agrees when no
/// sample differs beyond one CPU's rounding (<see cref="SameCpuTolerance"/>). Under
/// <see cref="VerificationRule.AcrossCpus"/> it agrees when at most one clean prediction differs and every flip is one
/// rounding can make: near the boundary (<see cref="SampleDifference.NearBoundary"/>), and no more of them per stratum than
/// another CPU may flip there (<see cref="CrossMachineTolerance"/>).
/// </summary>
public sealed record CellAgreement(string Cell, VerificationRule Rule, IReadOnlyList<SampledImage> Sample, IReadOnlyList<int> CleanDifferences,
                                   IReadOnlyList<SampleDifference> Differences, double LargestRoundingDifference)
{
    public IReadOnlyList<SampleDifference> Flips => [.. Differences.Where(d => d.Flipped)];

    public int Samples => Sample.Count;

    public IReadOnlyList<SampleDifference> ConfidentFlips => [.. Flips.Where(f => !f.NearBoundary)];

    /// <summary>The images of the strata nearest the boundary, where another CPU flips more outcomes than at random.</summary>
    public int BoundarySamples => Sample.Count(s => s.Stratum != Stratum.Random);

    public int AllowedBoundaryFlips => CrossMachineTolerance.AllowedFlips(BoundarySamples, CrossMachineTolerance.BoundaryFlipRate);

    public int AllowedRandomFlips => CrossMachineTolerance.AllowedFlips(Samples - BoundarySamples, CrossMachineTolerance.FlipRate);

    int BoundaryFlips => Flips.Count(f => StratumOf(f) != Stratum.Random);

    Stratum StratumOf(SampleDifference difference) => Sample.First(s => s.Index == difference.Recorded.Index).Stratum;

    public bool Agrees => Rule == VerificationRule.SameCpu
        ? CleanDifferences.Count == 0 && Differences.Count == 0
        : CleanDifferences.Count <= CrossMachineTolerance.CleanDifferences && ConfidentFlips.Count == 0
          && BoundaryFlips <= AllowedBoundaryFlips && Flips.Count - BoundaryFlips <= AllowedRandomFlips;

    public override string ToString() =>
        $"{Cell}: {Samples} samples recomputed ({Describe(Stratum.NearestSurvivor)} survivors and {Describe(Stratum.NearestBroken)} broken nearest the boundary, {Describe(Stratum.Random)} at random), "
        + (Rule == VerificationRule.SameCpu ? "compared as on the CPU the cell was built on: " : "compared as across CPUs: ")
        + $"clean predictions differ on {CleanDifferences.Count} image(s)"
        + (CleanDifferences.Count > 0 ? $" ({IndexRanges.Format(CleanDifferences)})" : "")
        + (Rule == VerificationRule.SameCpu
            ? $", predictions or margins on {Differences.Count}" + (Differences.Count > 0 ? $" ({string.Join(", ", Differences.Take(5))}{(Differences.Count > 5 ? ", …" : "")})" : "")
              + FormattableString.Invariant($" (allowed 0; margins may differ by {SameCpuTolerance.RelativeMargin:G3} relative, the others by at most {LargestRoundingDifference:G3})")
            : $" (allowed {CrossMachineTolerance.CleanDifferences}); outcomes flipped on {Flips.Count}"
              + (Flips.Count > 0 ? $" ({string.Join(", ", Flips)})" : "")
              + $" (allowed {AllowedBoundaryFlips} near the boundary and {AllowedRandomFlips} at random, each with both margins within ±"
              + CrossMachineTolerance.RoundingMargin.ToString("G3", CultureInfo.InvariantCulture) + ")");

    string Describe(Stratum stratum) => Sample.Count(s => s.Stratum == stratum).ToString(CultureInfo.InvariantCulture);
}
