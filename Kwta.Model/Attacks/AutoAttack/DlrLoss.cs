using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// The Difference of Logits Ratio losses of Croce &amp; Hein (ICML 2020), per sample, with the logits sorted so
/// that z_π1 ≥ z_π2 ≥ …. Dividing by a spread of the top logits makes them invariant to shifting and
/// rescaling the logits, which defeats defences that only inflate the logits' scale.
/// </summary>
public static class DlrLoss
{
    const double Stabiliser = 1e-12;

    /// <summary>−(z_y − max_{i≠y} zᵢ) / (z_π1 − z_π3 + 1e-12): positive iff misclassified. Needs ≥ 3 classes.</summary>
    public static Tensor Untargeted(Tensor logits, Tensor y)
    {
        RequireClasses(logits, 3);
        using var scope = NewDisposeScope();
        var sorted = logits.sort(1, descending: true).Values;
        return (-LogitMargin.Of(logits, y) / (sorted[.., 0] - sorted[.., 2] + Stabiliser)).MoveToOuterDisposeScope();
    }

    /// <summary>−(z_y − z_t) / (z_π1 − (z_π3 + z_π4)/2 + 1e-12): positive iff the target outscores the true class. Needs ≥ 4 classes.</summary>
    public static Tensor Targeted(Tensor logits, Tensor y, Tensor target)
    {
        RequireClasses(logits, 4);
        using var scope = NewDisposeScope();
        var sorted = logits.sort(1, descending: true).Values;
        var trueMinusTarget = logits.gather(1, y.unsqueeze(1)).squeeze(1) - logits.gather(1, target.unsqueeze(1)).squeeze(1);
        return (-trueMinusTarget / (sorted[.., 0] - (sorted[.., 2] + sorted[.., 3]) / 2 + Stabiliser)).MoveToOuterDisposeScope();
    }

    static void RequireClasses(Tensor logits, int minimum)
    {
        if (logits.dim() != 2 || logits.shape[1] < minimum)
            throw new ArgumentException($"the DLR loss needs logits (B, classes) with at least {minimum} classes; got [{string.Join(", ", logits.shape)}].",
                                        nameof(logits));
    }
}
