namespace Kwta.Model.Evaluation;

/// <summary>One attacked sample (or, for a targeted attack, one (image, target) pair).</summary>
/// <param name="Index">Position of the image in the evaluated set.</param>
/// <param name="Target">The class a targeted attack aimed for; null for untargeted attacks.</param>
/// <param name="LinfNorm">‖x_adv − x‖∞.</param>
/// <param name="Margin">z_label − max_{j ≠ label} z_j at x_adv: negative once the attack succeeds, and how close an outcome
/// is to flipping, which tells a real change of result from the rounding of another CPU.</param>
public sealed record AttackOutcome(int Index, int Label, int? Target, int CleanPrediction, int AdversarialPrediction, double LinfNorm,
                                   double Margin = double.NaN)
{
    public bool CleanCorrect => CleanPrediction == Label;

    /// <summary>Correct on the clean image and still correct after the attack: the field's definition (AutoAttack,
    /// RobustBench). A clean mistake is never robust, even when the attack's random start happens to fix it;
    /// foolbox 3, which the student reproduction used, scores the adversarial prediction alone.</summary>
    public bool Robust => CleanCorrect && AdversarialPrediction == Label;

    public bool ReachedTarget => Target == AdversarialPrediction;
}
