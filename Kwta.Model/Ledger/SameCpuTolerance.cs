namespace Kwta.Model.Ledger;

/// <summary>
/// How far a recomputation on the CPU a cell was built on, with the kernels pinned, may stray from its rows: only the
/// batch differs (the ledger attacked 100 images at a time, re-verification attacks its sample together), and the last
/// bits of a pass depend on it. Measured on every committed fixture cell's sample: PGD, transfer and BPDA repeated bit
/// for bit, DeepFool, finite differences, unbounded PGD and Square in all but their margins' last digits (at most
/// 1.9e-6 of the margin); VGA's, PGD `strong`'s and AutoAttack's paths fork (docs/testing.md, "Numbers on one CPU").
/// </summary>
public static class SameCpuTolerance
{
    /// <summary>The largest difference between a recorded and a recomputed margin, relative to the larger |margin|
    /// (at least 1 logit), that counts as the batch's rounding; declared from the measurement in docs/testing.md.</summary>
    public const double RelativeMargin = 1e-4;

    /// <summary>Whether <paramref name="recomputed"/> repeats <paramref name="recorded"/>: the same predictions, and margins
    /// within <see cref="RelativeMargin"/>; a changed prediction is never rounding here.</summary>
    public static bool Repeats(Evaluation.AttackOutcome recorded, Evaluation.AttackOutcome recomputed) =>
        recorded.CleanPrediction == recomputed.CleanPrediction && recorded.AdversarialPrediction == recomputed.AdversarialPrediction
        && RelativeDifference(recorded.Margin, recomputed.Margin) <= RelativeMargin;

    /// <summary>|a − b| / max(1, |a|, |b|).</summary>
    public static double RelativeDifference(double a, double b) => Math.Abs(a - b) / Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
