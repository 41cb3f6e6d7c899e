using System.Text.Json.Serialization;

namespace Kwta.Model.Persistence;

/// <summary>How a shipped model was trained, recorded so anyone can rerun it: its plan, the command that ran it,
/// and whether that command repeats its weights.</summary>
public sealed record TrainingRecipe : TrainingPlan
{
    public TrainingRecipe() { }

    /// <summary>The recipe of a run trained under <paramref name="plan"/> (copies every setting of the plan).</summary>
    public TrainingRecipe(TrainingPlan plan) : base(plan) { }

    // After the plan's settings (the serializer writes a derived record's own properties first).
    [JsonPropertyOrder(1)]
    public string Command { get; init; } = "";
    /// <summary>False for models trained before per-epoch seeds were fixed: their data order came from
    /// per-process seeds, so the recipe reruns to a similar model, never to the same weights.</summary>
    [JsonPropertyOrder(1)]
    public bool RepeatsBitForBit { get; init; }
}
