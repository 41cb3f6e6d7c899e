using Kwta.Model.Claims;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Claims;

/// <summary>
/// The paper's and the reproduction's robustness claims (C1-C4, C8), one test per family and γ on the
/// shipped models. Statements and anchors: <see cref="ClaimsCatalogue"/>; criteria: <see cref="ClaimTolerances"/>.
/// Every `dotnet test` runs them on the fixtures; with KWTA_DATA set, also at full scale (category Full).
/// </summary>
[TestFixtureSource(typeof(ReproductionResults), nameof(ReproductionResults.Scales))]
public class RobustnessClaims(ReproductionScale scale)
{
    internal static IEnumerable<TestCaseData> FamiliesAndSparsities() =>
        from family in ReproductionResults.ShippedFamilies
        from activation in ClaimChecks.KwtaActivations
        select new TestCaseData(family, activation);

    [TestCaseSource(nameof(FamiliesAndSparsities))]
    public void C1_kWTA_keeps_clean_accuracy_within_tolerance_of_ReLU(string family, string activation) =>
        Assert(ClaimChecks.CleanAccuracy(ReproductionResults.For(family, scale), activation));

    [TestCaseSource(nameof(FamiliesAndSparsities))]
    public void C2_kWTA_is_more_robust_than_ReLU_under_white_box_PGD(string family, string activation) =>
        Assert(ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.PgdRobustness, ReproductionResults.For(family, scale), activation, ResultColumn.Pgd));

    [TestCaseSource(nameof(FamiliesAndSparsities))]
    public void C3_kWTA_is_more_robust_than_ReLU_under_DeepFool(string family, string activation) =>
        Assert(ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.OtherAttacks, ReproductionResults.For(family, scale), activation, ResultColumn.DeepFool));

    [TestCaseSource(nameof(FamiliesAndSparsities))]
    public void C3_kWTA_is_more_robust_than_ReLU_under_VGA(string family, string activation) =>
        Assert(ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.OtherAttacks, ReproductionResults.For(family, scale), activation, ResultColumn.Vga));

    [TestCaseSource(typeof(ReproductionResults), nameof(ReproductionResults.ShippedFamilies))]
    public void C4_kWTA_01_is_at_least_as_robust_as_kWTA_02_under_PGD(string family) =>
        Assert(ClaimChecks.Sparsity(ReproductionResults.For(family, scale)));

    [TestCaseSource(nameof(FamiliesAndSparsities))]
    public void C8_the_reproductions_PGD_setting_overstates_robustness(string family, string activation) =>
        Assert(ClaimChecks.SeedPgdInflated(ReproductionResults.For(family, scale), activation));

    /// <summary>The check must hold, unless the catalogue records it as an observed refutation: then it must still fail.</summary>
    internal static void Assert(ClaimCheck check)
    {
        TestContext.Out.WriteLine(check.ToString());
        if (ClaimsCatalogue.RefutationOf(check) is { } refutation)
        {
            TestContext.Out.WriteLine($"Observed refutation: {refutation.Observation}");
            check.Holds.Should().BeFalse($"the catalogue records this check as refuted on our models ({refutation.Observation}); it now holds: {check.Evidence}");
        }
        else
        {
            check.Holds.Should().BeTrue(check.Evidence);
        }
    }
}
