namespace Kwta.Model.Training;

/// <summary>Everything that determines a training run; a checkpoint resumes only under the same options.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 0.1;
    /// <summary>See <see cref="LearningRateSchedule"/>: "cosine", "constant" or "step:E1,E2,…".</summary>
    public string Schedule { get; init; } = "cosine";
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    /// <summary>Max L2 norm of all gradients together (the reproduction clipped at 0.5); null = no clipping.</summary>
    public double? GradientClipNorm { get; init; }
    public bool Augment { get; init; } = true;
    public int Seed { get; init; } = 1;
    /// <summary>Limit the training set to its first N images (tests, quick checks); null = all.</summary>
    public int? TrainingImages { get; init; }

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be ≥ 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be ≥ 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be > 0.");
        if (GradientClipNorm is <= 0) throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, "clip norm must be > 0.");
        LearningRateSchedule.Parse(Schedule);
    }
}
