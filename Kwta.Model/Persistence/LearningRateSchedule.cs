using System.Globalization;
using System.Text.Json.Serialization;

namespace Kwta.Model.Persistence;

/// <summary>
/// Per-epoch learning rate. "cosine": half-cosine from the base rate to 0 over the run (our
/// from-scratch runs); "constant"; "step:E1,E2,…": ×0.1 at each listed epoch (the paper's
/// 0.1 → 0.01 at epoch 50, the reproduction's 0.01 → 0.001 for the last 2 epochs).
/// Equal schedules have equal text (<see cref="ToString"/>), the form JSON and the command line hold.
/// </summary>
[JsonConverter(typeof(Json))]
public sealed class LearningRateSchedule : IEquatable<LearningRateSchedule>
{
    public static readonly LearningRateSchedule Cosine = new("cosine", []);
    public static readonly LearningRateSchedule Constant = new("constant", []);

    readonly string kind;
    readonly int[] milestones;

    LearningRateSchedule(string kind, int[] milestones)
    {
        this.kind = kind;
        this.milestones = milestones;
    }

    public static LearningRateSchedule Parse(string text)
    {
        if (text is "cosine" or "constant") return new LearningRateSchedule(text, []);
        if (text.StartsWith("step:", StringComparison.Ordinal))
        {
            var parts = text["step:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var epochs = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var e) && e > 0 ? e : -1).ToArray();
            if (epochs.Length > 0 && epochs.All(e => e > 0)) return new LearningRateSchedule("step", epochs);
        }
        throw new ArgumentException($"Unknown learning-rate schedule '{text}': expected 'cosine', 'constant' or 'step:E1,E2,…' (epochs ≥ 1).", nameof(text));
    }

    /// <summary>The rate for 0-based <paramref name="epoch"/> of <paramref name="epochs"/>.</summary>
    public double At(int epoch, int epochs, double baseRate) => kind switch
    {
        "cosine" => baseRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs)),
        "constant" => baseRate,
        _ => baseRate * Math.Pow(0.1, milestones.Count(m => epoch >= m)),
    };

    /// <summary>"cosine", "constant" or "step:E1,E2,…", read back by <see cref="Parse"/>.</summary>
    public override string ToString() =>
        kind == "step" ? "step:" + string.Join(',', milestones.Select(m => m.ToString(CultureInfo.InvariantCulture))) : kind;

    public bool Equals(LearningRateSchedule? other) => other is not null && ToString() == other.ToString();
    public override bool Equals(object? obj) => Equals(obj as LearningRateSchedule);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    sealed class Json() : TextFormJsonConverter<LearningRateSchedule>(Parse);
}
