using Kwta.Model.Activations;
using Kwta.Model.Families;

namespace Kwta.Model.Claims;

/// <summary>C1's rule: the clean-accuracy gap within its tolerance.</summary>
public static partial class ClaimChecks
{
    /// <summary>C1, on the manifest's full-test-set accuracies.</summary>
    public static ClaimCheck CleanAccuracy(FamilyResults results, ActivationSpec activation) => Alone(CleanAccuracyDraft(results, activation));

    static Draft CleanAccuracyDraft(FamilyResults results, ActivationSpec activation)
    {
        double relu = 100 * results.ManifestCleanAccuracy[ActivationSpec.Relu], kwta = 100 * results.ManifestCleanAccuracy[activation];
        double allowed = ClaimTolerances.CleanGap(activation.Sparsity);
        int images = ReproductionSettings.Full.CleanImages;
        int gapImages = (int)Math.Round((relu - kwta) / 100 * images), allowedImages = (int)Math.Floor(allowed / 100 * images);
        return Tolerance(ClaimsCatalogue.CleanAccuracy, ClaimSubject.Model(results.Family, activation), relu - kwta <= allowed,
            FormattableString.Invariant(
                $"ReLU {relu:F2}% vs {activation.Label} {kwta:F2}% on the full test set: gap {relu - kwta:F2} pp, allowed {allowed} pp (fixture: {results.Percent(ActivationSpec.Relu, ResultColumn.Clean):F1}% vs {results.Percent(activation, ResultColumn.Clean):F1}%)."),
            ImagesToCross(gapImages, allowedImages));
    }
}
