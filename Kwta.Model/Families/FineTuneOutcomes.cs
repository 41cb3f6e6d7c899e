namespace Kwta.Model.Families;

/// <summary>C6's training experiment: per held-out image, whether the k-WTA model fine-tuned from ReLU weights and the one
/// trained from random init classify it correctly, after the same epoch on <see cref="TrainingImages"/> images.</summary>
public sealed record FineTuneOutcomes(ModelFamily Family, IReadOnlyList<bool> FromRelu, IReadOnlyList<bool> FromRandom, int TrainingImages);
