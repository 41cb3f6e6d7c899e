using System.Text.Json.Serialization;

namespace Kwta.Model.Persistence;

/// <summary>
/// How a model is trained from its starting point: every setting that determines a run, held once. A run's
/// options (Training's <c>TrainingOptions</c>) are a plan plus what is trained; a shipped model's
/// <see cref="TrainingRecipe"/> is a plan plus how it was shipped. It lives here, below Training, because the
/// manifest records it. The JSON names are the manifest's.
/// </summary>
public abstract record TrainingPlan
{
    /// <summary>The shipped model whose weights the run starts from (the incremental step); null = random init.</summary>
    public string? InitFrom { get; init; }
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 0.1;
    [JsonPropertyName("learningRateSchedule")]
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    /// <summary>Max L2 norm of all gradients together (the reproduction clipped at 0.5); null = no clipping.</summary>
    public double? GradientClipNorm { get; init; }
    /// <summary>Crop and flip (<c>Data.Augmentation</c>) each training batch.</summary>
    [JsonPropertyName("augmentation")]
    public bool Augment { get; init; } = true;
    public int Seed { get; init; } = 1;
    /// <summary>Limit the training set to its first N images (tests, quick checks); null = all.</summary>
    public int? TrainingImages { get; init; }
    /// <summary>k-WTA's γ lowered during training; null = the model's activation throughout.</summary>
    public GammaSchedule? GammaSchedule { get; init; }
    /// <summary>The PGD preset that crafts each batch's adversarial examples; null = natural training.</summary>
    public string? Adversarial { get; init; }
    /// <summary>The adversarial examples' ε; required with <see cref="Adversarial"/>.</summary>
    public double? AdversarialEpsilon { get; init; }
}
