using Kwta.Model.Activations;
using Kwta.Model.Families;

namespace Kwta.Model.Claims;

/// <summary>C9's rule: the gradient-masking indicators.</summary>
public static partial class ClaimChecks
{
    /// <summary>
    /// C9 on one model: PGD's robust accuracy is trusted only if none of the declared gradient-masking indicators fires
    /// (<see cref="ClaimsCatalogue.PgdReliable"/>). Each paired indicator asks whether the other attack breaks
    /// significantly more images than PGD does (one-sided McNemar on the same images), which it can show only when it
    /// is testable; so the check is not testable when no indicator fires and one of them could not have.
    /// </summary>
    public static ClaimCheck PgdReliable(FamilyResults results, ActivationSpec activation) => Alone(PgdReliableDraft(results, activation));

    static Draft PgdReliableDraft(FamilyResults results, ActivationSpec activation)
    {
        var pgd = results.Outcomes(activation, ResultColumn.Pgd);
        var beyondPgd = new List<ResultColumn> { ResultColumn.Square, ResultColumn.PgdStrong, ResultColumn.AutoAttack };
        if (activation != ActivationSpec.Relu) beyondPgd.Insert(1, ResultColumn.Transfer);
        var tests = beyondPgd.Select(c => PairedTest.Of($"{c.Header()} beats PGD", pgd, results.Outcomes(activation, c))).ToList();
        var unbounded = results.Outcomes(activation, ResultColumn.PgdUnbounded);
        int survivors = unbounded.Count(r => r);
        var silent = results.SilentGradients[activation];
        int silentCount = silent.Count(s => s), silentAllowed = (int)Math.Floor(ClaimTolerances.SilentGradientFraction * silent.Length);
        // The indicators without a test: whether each fires, its numbers, and the images that would flip it.
        var thresholds = new (string Name, bool Fires, string Numbers, int Flip)[]
        {
            ("PGD ε = 1 leaves images robust", survivors > 0, $"{survivors} of {unbounded.Count}", ImagesToCross(-survivors, -1)),
            ("silent input gradients", silentCount > silentAllowed, FormattableString.Invariant($"{100.0 * silentCount / silent.Length:F1}% of {silent.Length}"),
             ImagesToCross(silentCount, silentAllowed)),
        };
        var subject = ClaimSubject.Model(results.Family, activation);
        return new Draft(ClaimsCatalogue.PgdReliable, tests, (draft, adjust) =>
        {
            // Stryker disable once Conditional : an untestable indicator never fires and, while it is quiet, the check is not testable: its flip is never read.
            var paired = tests.Select(t => (Fires: Significant(t, adjust), Text: $"{t.Name}: {(Significant(t, adjust) ? "fires" : "quiet")} ({t.Numbers(adjust(t, t.P))})", Flip: t.Testable ? SignificanceFlip(t, adjust) : null)).ToList();
            var each = string.Join("; ", paired.Select(i => i.Text).Concat(thresholds.Select(i => $"{i.Name}: {(i.Fires ? "fires" : "quiet")} ({i.Numbers})")));
            var evidence = FormattableString.Invariant($"PGD {100.0 * pgd.Count(r => r) / pgd.Count:F1}% on {pgd.Count} images; {each}; criterion: {ClaimsCatalogue.PgdReliable.Criterion}.");
            var flips = paired.Select(i => (i.Fires, i.Flip)).Concat(thresholds.Select(i => (i.Fires, Flip: (int?)i.Flip))).ToList();
            if (flips.Any(i => i.Fires))
                return Checked(draft, subject, ClaimOutcome.DoesNotHold, evidence, adjust, flips.Where(i => i.Fires).Sum(i => i.Flip));
            if (tests.Any(t => !t.Testable))
                return Checked(draft, subject, ClaimOutcome.NotTestable, evidence, adjust, tests.Sum(ImagesToTestable));
            return Checked(draft, subject, ClaimOutcome.Holds, evidence, adjust, flips.Select(i => i.Flip).OfType<int>().DefaultIfEmpty().Min());
        });
    }
}
