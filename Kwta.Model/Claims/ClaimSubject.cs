using System.Globalization;
using System.Text.RegularExpressions;
using Kwta.Model.Activations;
using Kwta.Model.Families;

namespace Kwta.Model.Claims;

/// <summary>
/// What one claim check is about, as data: a family, its model (activation) and, for a claim decided per attack, the
/// column of the tables. C4 compares two k-WTA models (<see cref="Versus"/>); C5 and C6 are decided on other
/// measurements (<see cref="Measurement"/>, with the images or batch size in <see cref="Count"/>). Its text, e.g.
/// "k-WTA 0.2 PGD", is the subject column of the verdict snapshot and the report.
/// </summary>
public sealed partial record ClaimSubject(ModelFamily Family, ActivationSpec? Activation, ResultColumn? Column = null, ActivationSpec? Versus = null,
                                          ClaimMeasurement Measurement = ClaimMeasurement.TableCells, int? Count = null)
{
    public static ClaimSubject Model(ModelFamily family, ActivationSpec activation, ResultColumn? column = null) => new(family, activation, column);

    public static ClaimSubject Comparison(ModelFamily family, ActivationSpec activation, ActivationSpec versus, ResultColumn column) =>
        new(family, activation, column, versus);

    public static ClaimSubject TrainingLogs(ModelFamily family, ActivationSpec activation) =>
        new(family, activation, Measurement: ClaimMeasurement.TrainingLogs);

    public static ClaimSubject FineTuneEpoch(ModelFamily family, ActivationSpec activation, int images) =>
        new(family, activation, Measurement: ClaimMeasurement.FineTuneEpoch, Count: images);

    /// <summary>C5 times kernels against ReLU on the family's architecture, not one of its models.</summary>
    public static ClaimSubject Benchmark(ModelFamily family, int batch) => new(family, null, Measurement: ClaimMeasurement.Benchmark, Count: batch);

    public override string ToString() => Measurement switch
    {
        ClaimMeasurement.TrainingLogs => $"training logs, {Activation?.Label} epoch 1",
        ClaimMeasurement.FineTuneEpoch => $"one epoch on {Count} images, {Activation?.Label}",
        ClaimMeasurement.Benchmark => $"batch {Count}",
        _ => string.Join(' ', new[] { Activation?.Label, Versus is null ? null : FormattableString.Invariant($"vs {Versus.Sparsity}"), Column?.Header() }
                                  .OfType<string>()),
    };

    /// <summary>
    /// The subject of <paramref name="family"/> whose text is <paramref name="text"/>. The text is compared with the
    /// candidates' own <see cref="ToString"/>, so reading can never drift from writing; numbers in the text are the
    /// candidate counts of C5 and C6.
    /// </summary>
    public static ClaimSubject Parse(ModelFamily family, string text)
    {
        var counts = Number().Matches(text).Select(m => int.TryParse(m.Value, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).OfType<int>().ToList();
        return Candidates(family, counts).FirstOrDefault(s => s.ToString() == text)
               ?? throw new FormatException($"'{text}' is no subject of a claim check on {family.Name}.");
    }

    static IEnumerable<ClaimSubject> Candidates(ModelFamily family, IEnumerable<int> counts)
    {
        // Stryker disable once Linq : a text matches one candidate at most, wherever the candidate without a column stands.
        var columns = Enum.GetValues<ResultColumn>().Select(c => (ResultColumn?)c).Prepend(null).ToList();
        foreach (var activation in ModelFamily.Activations)
        {
            yield return TrainingLogs(family, activation);
            foreach (var column in columns) yield return Model(family, activation, column);
            foreach (var versus in ModelFamily.Activations)
                foreach (var column in columns.OfType<ResultColumn>()) yield return Comparison(family, activation, versus, column);
            foreach (var count in counts) yield return FineTuneEpoch(family, activation, count);
        }
        foreach (var count in counts) yield return Benchmark(family, count);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
