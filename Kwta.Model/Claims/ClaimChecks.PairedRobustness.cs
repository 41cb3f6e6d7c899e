using Kwta.Model.Activations;
using Kwta.Model.Families;

namespace Kwta.Model.Claims;

/// <summary>The rules decided by one paired test of robust outcomes: C2 and C3 (k-WTA vs ReLU), C4 (γ 0.1 vs 0.2), C8 (seed-foolbox vs paper PGD).</summary>
public static partial class ClaimChecks
{
    /// <summary>C2 (PGD) and C3 (DeepFool, VGA).</summary>
    public static ClaimCheck MoreRobustThanRelu(Claim claim, FamilyResults results, ActivationSpec activation, ResultColumn column) =>
        Alone(MoreRobustThanReluDraft(claim, results, activation, column));

    static Draft MoreRobustThanReluDraft(Claim claim, FamilyResults results, ActivationSpec activation, ResultColumn column) =>
        OneTest(claim, ClaimSubject.Model(results.Family, activation, column),
                Paired(results, (activation, column), (ActivationSpec.Relu, column)), ClaimOutcome.Holds);

    /// <summary>C4: k-WTA 0.2 is not significantly more robust than 0.1.</summary>
    public static ClaimCheck Sparsity(FamilyResults results) => Alone(SparsityDraft(results));

    static Draft SparsityDraft(FamilyResults results) =>
        OneTest(ClaimsCatalogue.Sparsity, ClaimSubject.Comparison(results.Family, ModelFamily.KwtaGamma01, ModelFamily.KwtaGamma02, ResultColumn.Pgd),
                Paired(results, (ModelFamily.KwtaGamma02, ResultColumn.Pgd), (ModelFamily.KwtaGamma01, ResultColumn.Pgd)), ClaimOutcome.DoesNotHold);

    /// <summary>C8: the seed-foolbox PGD leaves more images robust than the paper's PGD.</summary>
    public static ClaimCheck SeedPgdInflated(FamilyResults results, ActivationSpec activation) => Alone(SeedPgdInflatedDraft(results, activation));

    static Draft SeedPgdInflatedDraft(FamilyResults results, ActivationSpec activation) =>
        OneTest(ClaimsCatalogue.SeedPgdInflated, ClaimSubject.Model(results.Family, activation),
                Paired(results, (activation, ResultColumn.PgdSeedFoolbox), (activation, ResultColumn.Pgd)), ClaimOutcome.Holds);


    static PairedTest Paired(FamilyResults results, (ActivationSpec Activation, ResultColumn Column) better,
                             (ActivationSpec Activation, ResultColumn Column) worse) =>
        PairedTest.Of($"{better.Activation.Label} {better.Column.Header()} vs {worse.Activation.Label} {worse.Column.Header()}",
                      results.Outcomes(better.Activation, better.Column), results.Outcomes(worse.Activation, worse.Column));
}
