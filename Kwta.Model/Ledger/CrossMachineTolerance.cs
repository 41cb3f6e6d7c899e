using Kwta.Model.Evaluation;

namespace Kwta.Model.Ledger;

/// <summary>
/// How far a recomputation on another CPU may stray from a ledger. Declared before any re-verification was run,
/// from the measured rate below, and never loosened to make a check pass.
/// </summary>
public static class CrossMachineTolerance
{
    /// <summary>Per-image probability that another CPU flips an outcome (robust ↔ not robust, correct ↔ wrong): the
    /// highest per-cell rate measured between pinned AVX2 and unpinned AVX-512 kernels, 4 of 200 transfer outcomes
    /// (10 flips in 20 070 outcomes overall; docs/testing.md, "Numbers across CPUs").</summary>
    public const double FlipRate = 0.02;

    /// <summary>The same probability for an image of the strata nearest the boundary (<see cref="VerificationStrata"/>),
    /// where rounding flips more: in the 7 cells measured on all 1000 images between those kernels, 8 of the 112 images
    /// that are each cell's 8 survivors and 8 broken images nearest the boundary flipped (7.1%); 0.13 is the upper end
    /// of that rate's one-sided 95% interval (docs/testing.md, "Margins at flips").</summary>
    public const double BoundaryFlipRate = 0.13;

    /// <summary>How unlikely a number of flips must be, under <see cref="FlipRate"/>, to count as a real change.</summary>
    public const double FalseAlarm = 1e-4;

    /// <summary>The largest |margin| (logits, z_label − max_{j≠label} z_j) at which another CPU's rounding may flip an
    /// outcome: a flip counts as rounding only where the recorded and the recomputed margin are both within it. Above
    /// the largest margin at any of the 88 flips measured between pinned AVX2 and unpinned AVX-512 kernels in 15 000
    /// re-verified samples (5.77, a transfer sample of the annealed model; docs/testing.md, "Margins at flips"), with
    /// ~40% to spare. Iterative attacks amplify a rounding difference along their path, so a rounding flip can land
    /// several logits past the boundary: the rule refuses gross changes (an edited row, a broken image at −10 turned
    /// robust), not subtle ones, which the count allowance and the samples' size must catch.</summary>
    public const double RoundingMargin = 8.0;

    /// <summary>Clean predictions of a cell's compared images that may differ: one, though none of the 9000 fixture
    /// predictions differed between those kernels; a second is a changed model or reader, not rounding.</summary>
    public const int CleanDifferences = 1;

    /// <summary>The outcomes of n compared samples that another CPU may flip, each with probability
    /// <paramref name="rate"/> (by default <see cref="FlipRate"/>): the smallest k with P(Binomial(n, rate) > k) ≤ <see cref="FalseAlarm"/>.</summary>
    public static int AllowedFlips(int samples, double rate = FlipRate)
    {
        int k = 0;
        // Stryker disable once Equality : a binomial tail at these rates is never exactly 1e-4.
        while (Statistics.BinomialUpperTail(samples, rate, k) > FalseAlarm) k++;
        return k;
    }
}
