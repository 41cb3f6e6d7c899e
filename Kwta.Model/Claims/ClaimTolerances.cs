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

    /// <summary>C2, C3, C7, C8, C9: one-sided exact McNemar on paired per-image outcomes.</summary>
    public const double SignificanceLevel = 0.01;

    /// <summary>A paired test is testable only if the sides' robust counts allow this many images favouring the tested
    /// side: with b discordant pairs all one way the exact one-sided McNemar p is ½^b, so fewer can never reach
    /// <see cref="SignificanceLevel"/> (7 for 0.01). A check whose test cannot be decided is "not testable", never refuted.</summary>
    public static readonly int MinimumDiscordantPairs = Statistics.MinimumDiscordantPairs(SignificanceLevel);

    /// <summary>A verdict that this many images (or fewer) would flip is marked fragile.</summary>
    public const int FragileImages = 2;

    /// <summary>C7: "far below" means the adaptive attack's robust accuracy is at most this fraction of PGD's.</summary>
    public const double AdaptiveFractionOfPgd = 0.5;

    /// <summary>C9: the silent-gradient indicator fires when more than this fraction of the images have an all-zero or
    /// non-finite input gradient (Pintor et al. 2022 flag any; one image in a hundred allows for a saturated loss
    /// on a single very confident image).</summary>
    public const double SilentGradientFraction = 0.01;

    /// <summary>Shipped models: the fixture accuracy may differ from the manifest's full-test-set
    /// accuracy by this many standard errors of a 1000-image proportion.</summary>
    public const double FixtureStandardErrors = 3.0;

    public static double CleanGap(double gamma) => gamma >= 0.2 ? CleanGapGamma02 : CleanGapGamma01;
}
