using Kwta.Model.Evaluation;

namespace Kwta.Model.Claims;

/// <summary>
/// Every tolerance and significance level the claims use, in one place. Set before any result was
/// seen (from the declared targets and standard statistical practice) and never loosened to
/// make a claim pass: a claim that misses its criterion fails, and its recorded verdict says so.
/// </summary>
public static class ClaimTolerances
{
    /// <summary>C1: k-WTA 0.2 may lose at most this much clean accuracy against ReLU (percentage points).</summary>
    public const double CleanGapGamma02 = 3.0;

    /// <summary>C1: k-WTA 0.1 may lose at most this much (the reproduction lost 7.2 pp on ResNet18).</summary>
    public const double CleanGapGamma01 = 8.0;

    /// <summary>C2, C3, C7, C8: one-sided exact McNemar on paired per-image outcomes.</summary>
    public const double SignificanceLevel = 0.01;

    /// <summary>C7: "far below" means the adaptive attack's robust accuracy is at most this fraction of PGD's.</summary>
    public const double AdaptiveFractionOfPgd = 0.5;

    /// <summary>Per-image probability that another CPU flips an outcome (robust ↔ not robust, correct ↔ wrong): the
    /// highest per-cell rate measured between pinned AVX2 and unpinned AVX-512 kernels, 4 of 200 transfer outcomes
    /// (10 flips in 20 070 outcomes overall; docs/testing.md, "Numbers across CPUs").</summary>
    public const double CrossMachineFlipRate = 0.02;

    /// <summary>How unlikely a count difference must be, under <see cref="CrossMachineFlipRate"/>, to count as a real change.</summary>
    public const double CrossMachineFalseAlarm = 1e-4;

    /// <summary>The images of an n-image cell that another CPU may flip: the smallest k with
    /// P(Binomial(n, <see cref="CrossMachineFlipRate"/>) > k) ≤ <see cref="CrossMachineFalseAlarm"/>.</summary>
    public static int AllowedCrossMachineFlips(int images)
    {
        int k = 0;
        while (Statistics.BinomialUpperTail(images, CrossMachineFlipRate, k) > CrossMachineFalseAlarm) k++;
        return k;
    }

    /// <summary>Shipped models: the fixture accuracy may differ from the manifest's full-test-set
    /// accuracy by this many standard errors of a 1000-image proportion.</summary>
    public const double FixtureStandardErrors = 3.0;

    public static double CleanGap(double gamma) => gamma >= 0.2 ? CleanGapGamma02 : CleanGapGamma01;
}
