using Kwta.Model.Persistence;

namespace Kwta.Model.Training;

/// <summary>Everything that determines a training run: its <see cref="TrainingPlan"/> and what is trained.
/// A checkpoint resumes only under the same options.</summary>
public sealed record TrainingOptions : TrainingPlan
{
    /// <summary>What is trained: architecture and final activation (and the plan's InitFrom). Part of
    /// the options so that a checkpoint is never resumed as another model.</summary>
    public string Architecture { get; init; } = "";
    public string Activation { get; init; } = "";

    /// <summary>Refuses, by property name, any option that cannot train, before any data is read.
    /// (The schedules are typed: they were refused, if at all, where their text was parsed.)</summary>
    public void Validate()
    {
        if (Epochs < 1) throw Invalid(nameof(Epochs), Epochs, "epochs must be ≥ 1");
        if (BatchSize < 1) throw Invalid(nameof(BatchSize), BatchSize, "batch size must be ≥ 1");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) throw Invalid(nameof(LearningRate), LearningRate, "learning rate must be a finite number > 0");
        if (!(Momentum is >= 0 and < 1)) throw Invalid(nameof(Momentum), Momentum, "momentum must lie in [0, 1)");
        if (!(WeightDecay >= 0 && double.IsFinite(WeightDecay))) throw Invalid(nameof(WeightDecay), WeightDecay, "weight decay must be a finite number ≥ 0");
        if (GradientClipNorm is { } clip && !(clip > 0 && double.IsFinite(clip)))
            throw Invalid(nameof(GradientClipNorm), clip, "clip norm must be a finite number > 0");
        if (TrainingImages is < 1) throw Invalid(nameof(TrainingImages), TrainingImages, "the number of training images must be ≥ 1");
        if ((Adversarial is null) != (AdversarialEpsilon is null))
            throw new ArgumentException("adversarial training needs both a PGD preset and an ε.", nameof(Adversarial));
        if (Adversarial is not null) AdversarialTraining.Create(Adversarial, AdversarialEpsilon!.Value);
    }

    /// <summary>A one-line error whose ParamName is the property, stating the rule and the value given.</summary>
    static ArgumentException Invalid(string property, object? value, string rule) =>
        new(FormattableString.Invariant($"{rule}; got {value}."), property);

    /// <summary>The properties in which <paramref name="saved"/> and <paramref name="requested"/> differ, e.g. "LearningRate 0.05, now 0.2".</summary>
    public static string Differences(TrainingOptions saved, TrainingOptions requested) => string.Join("; ",
        from property in typeof(TrainingOptions).GetProperties()
        let before = property.GetValue(saved)
        let now = property.GetValue(requested)
        where !Equals(before, now)
        select FormattableString.Invariant($"{property.Name} {before ?? "none"}, now {now ?? "none"}"));

    public AdversarialTraining? CreateAdversarialTraining() =>
        Adversarial is null ? null : AdversarialTraining.Create(Adversarial, AdversarialEpsilon!.Value);
}
