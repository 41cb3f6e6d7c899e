using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>One run's result per sample: its worst-case point, the highest loss reached and whether any point was misclassified.</summary>
sealed record SearchResult(Tensor Point, Tensor Loss, Tensor Fooled);
