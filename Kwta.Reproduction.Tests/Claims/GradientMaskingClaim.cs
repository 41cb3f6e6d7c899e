using Kwta.Model.Claims;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Claims;

/// <summary>
/// C7, beyond the reproduction and labelled as the known refutation of C2 (Tramèr, Carlini, Brendel,
/// Madry 2020): attacks adapted to k-WTA's masked gradients remove most of its PGD robustness.
/// </summary>
[Category("KnownRefutation")]
[TestFixtureSource(typeof(ReproductionResults), nameof(ReproductionResults.Scales))]
public class GradientMaskingClaim(ReproductionScale scale)
{
    static IEnumerable<TestCaseData> FamiliesAndSparsities() => RobustnessClaims.FamiliesAndSparsities();

    [TestCaseSource(nameof(FamiliesAndSparsities))]
    public void C7_kWTA_robustness_largely_disappears_under_adaptive_attacks(string family, string activation) =>
        RobustnessClaims.Assert(ClaimChecks.GradientMasking(ReproductionResults.For(family, scale), activation));
}
