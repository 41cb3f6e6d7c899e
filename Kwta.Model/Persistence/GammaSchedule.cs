using System.Globalization;
using System.Text.Json.Serialization;

namespace Kwta.Model.Persistence;

/// <summary>
/// k-WTA's γ lowered during training, as the paper's fine-tuning does (its <c>finetune.json</c>: start from a
/// γ = 0.2 model, lower γ by 0.005 every 2 epochs). Written "START:STEP/EVERY:END", e.g.
/// "0.195:-0.005/2:0.1": 0-based epoch e trains at START + STEP·⌊e / EVERY⌋, held at END once reached.
/// JSON holds it in that form too.
/// </summary>
[JsonConverter(typeof(Json))]
public sealed record GammaSchedule(double Start, double Step, int Every, double End)
{
    public static GammaSchedule Parse(string text)
    {
        var parts = text.Split(':');
        var stepEvery = parts.Length == 3 ? parts[1].Split('/') : [];
        if (stepEvery.Length == 2
            && Number(parts[0]) is { } start && Number(stepEvery[0]) is { } step && Number(parts[2]) is { } end
            && int.TryParse(stepEvery[1], NumberStyles.None, CultureInfo.InvariantCulture, out int every) && every >= 1
            && start > 0 && start <= 1 && end > 0 && end <= 1 && step != 0 && Math.Sign(end - start) == Math.Sign(step))
            return new GammaSchedule(start, step, every, end);
        throw new ArgumentException($"Unknown γ schedule '{text}': expected START:STEP/EVERY:END with γ in (0, 1] and STEP towards END, e.g. 0.195:-0.005/2:0.1.", nameof(text));
    }

    static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    /// <summary>γ for 0-based <paramref name="epoch"/>, rounded to 1e-9 so that repeated steps land exactly on values such as 0.1.</summary>
    public double At(int epoch)
    {
        double gamma = Math.Round(Start + Step * (epoch / Every), 9);
        return Step < 0 ? Math.Max(gamma, End) : Math.Min(gamma, End);
    }

    /// <summary>"START:STEP/EVERY:END", read back by <see cref="Parse"/>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start}:{Step}/{Every}:{End}");

    sealed class Json() : TextFormJsonConverter<GammaSchedule>(Parse);
}
