using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;

namespace Kwta.Model.Claims;

/// <summary>
/// Decides each claim of <see cref="ClaimsCatalogue"/> on a family's results with the criteria of
/// <see cref="ClaimTolerances"/>. The claim tests assert these checks; <c>kwta reproduce</c> reports them.
/// A check is first drafted with its paired tests; it is decided once Holm's correction has adjusted the p-values of
/// every testable paired test of its claim in the run (<see cref="ClaimsCatalogue.Correction"/>). This file holds that
/// decision; each claim's rule is in its own file (ClaimChecks.*.cs).
/// </summary>
public static partial class ClaimChecks
{
    public static readonly IReadOnlyList<ActivationSpec> KwtaActivations = [ModelFamily.KwtaGamma02, ModelFamily.KwtaGamma01];

    static readonly double Alpha = ClaimTolerances.SignificanceLevel;

    /// <summary>The adjusted p of a test of the check, were its raw p <c>raw</c> (the flip distance asks for other values).</summary>
    delegate double Adjustment(PairedTest test, double raw);

    /// <summary>A check before the correction: its paired tests, and how it is decided once their adjusted p are known.</summary>
    sealed record Draft(Claim Claim, IReadOnlyList<PairedTest> Tests, Func<Draft, Adjustment, ClaimCheck> Decision)
    {
        public ClaimCheck Decide(Adjustment adjust) => Decision(this, adjust);
    }

    /// <summary>Every check that the results support, in catalogue order (C5 needs a benchmark; C6's training run is a
    /// test of its own), corrected within this family.</summary>
    public static IReadOnlyList<ClaimCheck> All(FamilyResults results) => Decide(Drafts(results));

    static IReadOnlyList<Draft> Drafts(FamilyResults results) =>
    [
        .. KwtaActivations.Select(a => CleanAccuracyDraft(results, a)),
        .. KwtaActivations.Select(a => MoreRobustThanReluDraft(ClaimsCatalogue.PgdRobustness, results, a, ResultColumn.Pgd)),
        .. KwtaActivations.Select(a => MoreRobustThanReluDraft(ClaimsCatalogue.OtherAttacks, results, a, ResultColumn.DeepFool)),
        .. KwtaActivations.Select(a => MoreRobustThanReluDraft(ClaimsCatalogue.OtherAttacks, results, a, ResultColumn.Vga)),
        SparsityDraft(results),
        .. results.EpochOneTestAccuracy is null ? [] : new[] { ReluInitialisationLogsDraft(results) },
        .. KwtaActivations.Select(a => GradientMaskingDraft(results, a)),
        .. KwtaActivations.Select(a => SeedPgdInflatedDraft(results, a)),
        .. HasMaskingIndicators(results) ? ModelFamily.Activations.Select(a => PgdReliableDraft(results, a)) : [],
    ];

    /// <summary>Whether C9 can be decided: every masking column of every model and the silent gradients were measured
    /// (ledger scales; the default run leaves them out).</summary>
    public static bool HasMaskingIndicators(FamilyResults results) =>
        ModelFamily.Activations.All(a => results.SilentGradients.ContainsKey(a) &&
                                         ResultColumns.MaskingIndicators.All(c => results.Has(a, c)));

    /// <summary>Every check of a run: each family's, then C6's training half and C5's benchmark where they ran. Each claim's
    /// testable paired tests across all families form one Holm family.</summary>
    public static IReadOnlyList<ClaimCheck> All(IEnumerable<FamilyResults> families, ClaimCheck? reluInitialisationTraining, BenchmarkReport? overhead) =>
    [
        .. Decide([.. families.SelectMany(Drafts)]),
        .. reluInitialisationTraining is null ? [] : new[] { reluInitialisationTraining },
        .. overhead is null ? [] : new[] { Overhead(overhead) },
    ];

    /// <summary>Decides <paramref name="drafts"/>, each claim's testable paired tests corrected together by Holm's method.</summary>
    static IReadOnlyList<ClaimCheck> Decide(IReadOnlyList<Draft> drafts)
    {
        var families = drafts.GroupBy(d => d.Claim).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Tests).Where(t => t.Testable).ToList());
        return [.. drafts.Select(d => Decide(d, families[d.Claim]))];
    }

    static ClaimCheck Decide(Draft draft, IReadOnlyList<PairedTest> family)
    {
        double Holm(PairedTest test, double raw)
        {
            int member = Enumerable.Range(0, family.Count).FirstOrDefault(i => ReferenceEquals(family[i], test), -1);
            if (member < 0) return raw; // an untestable test is in no family: it can never reach significance anyway
            return Statistics.Holm([.. family.Select((t, i) => i == member ? raw : t.P)])[member];
        }
        return draft.Decide(Holm) with { Uncorrected = draft.Decide((_, raw) => raw).Outcome };
    }

    /// <summary>A check decided on its own, its paired tests the only ones corrected together.</summary>
    static ClaimCheck Alone(Draft draft) => Decide(draft, [.. draft.Tests.Where(t => t.Testable)]);

    /// <summary>The check of <paramref name="draft"/>'s claim and subject with its outcome, evidence and flip distance.</summary>
    static ClaimCheck Checked(Draft draft, ClaimSubject subject, ClaimOutcome outcome, string evidence, Adjustment adjust, int? flipDistance) =>
        new(draft.Claim, subject, outcome, evidence, [.. draft.Tests.Select(t => (t, adjust(t, t.P)))], flipDistance, outcome);

    // Stryker disable once Equality : exact McNemar p-values and their Holm multiples are dyadic fractions, never 1/100.
    static bool Significant(PairedTest test, Adjustment adjust) => test.Testable && adjust(test, test.P) < Alpha;

    /// <summary>Images that would flip whether <paramref name="test"/> is significant after the correction.</summary>
    // Stryker disable once Equality : exact McNemar p-values and their Holm multiples are dyadic fractions, never 1/100.
    static int? SignificanceFlip(PairedTest test, Adjustment adjust) => test.Outcomes.FlipDistance(raw => adjust(test, raw) < Alpha);

    /// <summary>Images that would make an untestable test testable.</summary>
    static int ImagesToTestable(PairedTest test) => test.Outcomes.ImagesShortOf(ClaimTolerances.MinimumDiscordantPairs);

    /// <summary>A check decided by one paired test: not testable if the test is not, else <paramref name="whenSignificant"/>
    /// or the other outcome.</summary>
    static Draft OneTest(Claim claim, ClaimSubject subject, PairedTest test, ClaimOutcome whenSignificant) =>
        new(claim, [test], (draft, adjust) =>
        {
            var evidence = test.Describe(adjust(test, test.P)) + ".";
            if (!test.Testable) return Checked(draft, subject, ClaimOutcome.NotTestable, evidence, adjust, ImagesToTestable(test));
            var outcome = Significant(test, adjust) ? whenSignificant : Other(whenSignificant);
            return Checked(draft, subject, outcome, evidence, adjust, SignificanceFlip(test, adjust));
        });

    static ClaimOutcome Other(ClaimOutcome outcome) => outcome == ClaimOutcome.Holds ? ClaimOutcome.DoesNotHold : ClaimOutcome.Holds;

    /// <summary>A check decided by a tolerance alone, with no paired test.</summary>
    static Draft Tolerance(Claim claim, ClaimSubject subject, bool holds, string evidence, int? flipDistance) =>
        new(claim, [], (draft, adjust) => Checked(draft, subject, holds ? ClaimOutcome.Holds : ClaimOutcome.DoesNotHold, evidence, adjust, flipDistance));

    /// <summary>Images that take a count across <paramref name="allowed"/>, the largest count that passes: up past it, or down to it.</summary>
    static int ImagesToCross(int count, int allowed) => count <= allowed ? allowed - count + 1 : count - allowed;
}
