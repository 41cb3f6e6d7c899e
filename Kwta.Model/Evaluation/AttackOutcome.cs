namespace Kwta.Model.Evaluation;

/// <summary>One attacked sample (or, for a targeted attack, one (image, target) pair).</summary>
/// <param name="Index">Position of the image in the evaluated set.</param>
/// <param name="Target">The class a targeted attack aimed for; null for untargeted attacks.</param>
/// <param name="LinfNorm">‖x_adv − x‖∞.</param>
public sealed record AttackOutcome(int Index, int Label, int? Target, int CleanPrediction, int AdversarialPrediction, double LinfNorm)
{
    public bool CleanCorrect => CleanPrediction == Label;

    /// <summary>Still the true label after the attack; a clean mistake is never robust (as in foolbox).</summary>
    public bool Robust => AdversarialPrediction == Label;

    public bool ReachedTarget => Target == AdversarialPrediction;
}
