namespace Kwta.Model.Ledger;

/// <summary>
/// How far a recomputation on the CPU a cell was built on, with the kernels pinned, may stray from its rows. The
/// pinned kernels repeat an image's forward pass bit for bit whatever else is in its batch, and so do the attacks
/// that step by the gradient's sign (PGD, BPDA, finite differences, Square, AutoAttack: measured exact); but the
/// input gradient's last bits depend on the batch it is computed in, and an attack that follows the gradient's
/// magnitude (DeepFool, VGA) carries them into its margins (docs/testing.md, "Numbers on one CPU").
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
