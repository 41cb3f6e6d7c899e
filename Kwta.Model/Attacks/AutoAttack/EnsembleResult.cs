using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// What the AutoAttack ensemble found for a batch: the adversarial images (per image, the first member's image
/// that the model misclassifies, else the clean image) and, per image, the name of that member,
/// <see cref="CleanMistake"/> if the clean image is already misclassified (it is not attacked), or null if robust.
/// </summary>
public sealed record EnsembleResult(Tensor Adversarial, IReadOnlyList<string?> BrokenBy)
{
    public const string CleanMistake = "clean";
}
