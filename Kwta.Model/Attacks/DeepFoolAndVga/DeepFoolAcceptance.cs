namespace Kwta.Model.Attacks;

/// <summary>How DeepFool's minimal (unbounded) perturbation becomes an attack at a fixed ε.</summary>
public enum DeepFoolAcceptance
{
    /// <summary>The paper's rule ("success only if L∞ ≤ ε"): keep the perturbation if its L∞ norm is ≤ ε,
    /// else return the clean image, so the sample counts as robust unless the clean image is misclassified.</summary>
    WithinEpsilon,
    /// <summary>foolbox 3's rule, which the student reproduction used: clip the perturbation to the ε-ball
    /// and let the model decide whether the clipped image is still adversarial.</summary>
    ClipToEpsilon,
}
