using Kwta.Model.Activations;
using Kwta.Model.Families;

namespace Kwta.Model.Claims;

/// <summary>C7's rule: the adaptive attacks' worst case against PGD.</summary>
public static partial class ClaimChecks
{
    static readonly ResultColumn[] Adaptive = [ResultColumn.Transfer, ResultColumn.Bpda, ResultColumn.FiniteDifference];

    /// <summary>
    /// C7: an image is robust to the adaptive attacks only if it survives every one run on it (transfer and
    /// BPDA on all PGD images, finite differences on the first few), the usual worst case over attacks.
    /// </summary>
    public static ClaimCheck GradientMasking(FamilyResults results, ActivationSpec activation) => Alone(GradientMaskingDraft(results, activation));

    static Draft GradientMaskingDraft(FamilyResults results, ActivationSpec activation)
    {
        var pgd = results.Outcomes(activation, ResultColumn.Pgd);
        var adaptive = pgd.Select((_, i) => Adaptive.All(c => SurvivesIfRun(results.Outcomes(activation, c), i))).ToArray();
        var test = PairedTest.Of("PGD vs worst case over adaptive attacks", pgd, adaptive);
        var (pgdRobust, adaptiveRobust) = (test.Outcomes.FirstRobust, test.Outcomes.SecondRobust);
        // "At most half of PGD's robust accuracy", on the same images: at most this many adaptive-robust images.
        int allowedAdaptive = (int)Math.Floor(ClaimTolerances.AdaptiveFractionOfPgd * pgdRobust);
        bool farBelow = adaptiveRobust <= allowedAdaptive;
        var each = string.Join(", ", Adaptive.Select(c => FormattableString.Invariant($"{c.Header()} {results.Percent(activation, c):F1}% of {results.Trials(activation, c)}")));
        var subject = ClaimSubject.Model(results.Family, activation);
        return new Draft(ClaimsCatalogue.GradientMasking, [test], (draft, adjust) =>
        {
            var evidence = $"{test.Describe(adjust(test, test.P))} ({each}); criterion: {ClaimsCatalogue.GradientMasking.Criterion}.";
            if (!test.Testable) return Checked(draft, subject, ClaimOutcome.NotTestable, evidence, adjust, ImagesToTestable(test));
            bool significant = Significant(test, adjust);
            int fraction = ImagesToCross(adaptiveRobust, allowedAdaptive);
            int? pValue = SignificanceFlip(test, adjust);
            // Holding needs both parts, so one flips it; failing both needs both to flip.
            int? flip = (farBelow, significant) switch
            {
                (true, true) => pValue is null ? fraction : Math.Min(fraction, pValue.Value),
                (false, false) => fraction + pValue,
                (false, _) => fraction,
                _ => pValue,
            };
            return Checked(draft, subject, farBelow && significant ? ClaimOutcome.Holds : ClaimOutcome.DoesNotHold, evidence, adjust, flip);
        });
    }


    static bool SurvivesIfRun(IReadOnlyList<bool> outcomes, int image) => image >= outcomes.Count || outcomes[image];
}
