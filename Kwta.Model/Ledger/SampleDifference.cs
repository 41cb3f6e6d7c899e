using Kwta.Model.Evaluation;

namespace Kwta.Model.Ledger;

/// <summary>One sample whose recomputation differs from its ledger row beyond one CPU's rounding
/// (<see cref="SameCpuTolerance"/>): in its outcome (<see cref="Flipped"/>: robust, and for a targeted attack whether the
/// target was reached), or only in its clean or adversarial prediction or margin.
/// Another CPU's rounding can flip only a sample that sits on the decision boundary, so a flip counts as rounding only
/// where both margins are near zero (<see cref="CrossMachineTolerance.RoundingMargin"/>); any other flip is confident:
/// the code or the row changed.</summary>
public sealed record SampleDifference(AttackOutcome Recorded, AttackOutcome Recomputed)
{
    public bool Flipped => Recorded.Robust != Recomputed.Robust || Recorded.ReachedTarget != Recomputed.ReachedTarget;

    public bool NearBoundary =>
        Math.Abs(Recorded.Margin) <= CrossMachineTolerance.RoundingMargin && Math.Abs(Recomputed.Margin) <= CrossMachineTolerance.RoundingMargin;

    public override string ToString() =>
        $"image {Recorded.Index}{(Recorded.Target is { } target ? $"→{target}" : "")}: ledger {Describe(Recorded)}, now {Describe(Recomputed)}"
        + (!Flipped || NearBoundary ? "" : " (confident: a margin beyond rounding's reach)");

    static string Describe(AttackOutcome o) =>
        (o.Robust ? "robust" : "broken") + FormattableString.Invariant($" (prediction {o.AdversarialPrediction}, margin {o.Margin:G9})");
}
