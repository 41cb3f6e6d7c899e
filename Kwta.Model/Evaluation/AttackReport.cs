using System.Globalization;
using System.Text;

namespace Kwta.Model.Evaluation;

/// <summary>The outcomes of one attack over a set of images, and the accuracies they give.</summary>
public sealed record AttackReport(string Attack, int Images, IReadOnlyList<AttackOutcome> Outcomes)
{
    public bool Targeted => Outcomes.Any(o => o.Target is not null);

    /// <summary>Fraction of images the model classifies correctly without attack.</summary>
    public double CleanAccuracy => Outcomes.DistinctBy(o => o.Index).Count(o => o.CleanCorrect) / (double)Math.Max(1, Images);

    /// <summary>Fraction of outcomes (images, or (image, target) pairs when targeted) still correctly classified.</summary>
    public double RobustAccuracy => Fraction(o => o.Robust);

    /// <summary>Fraction of (image, target) pairs whose target was reached; null for untargeted attacks.</summary>
    public double? TargetReachedRate => Targeted ? Fraction(o => o.ReachedTarget) : null;

    double Fraction(Func<AttackOutcome, bool> predicate) => Outcomes.Count(predicate) / (double)Math.Max(1, Outcomes.Count);

    /// <summary>The columns of <see cref="ToCsv"/>, which the ledger's rows share.</summary>
    public const string CsvColumns = "index,label,target,clean_prediction,adversarial_prediction,linf_norm,margin";

    public string ToCsv()
    {
        var csv = new StringBuilder(CsvColumns).Append('\n');
        foreach (var o in Outcomes) csv.Append(CsvRow(o)).Append('\n');
        return csv.ToString();
    }

    /// <summary>One outcome as a <see cref="CsvColumns"/> row; ‖δ‖∞ and the margin are float32 values, in their shortest
    /// round-trip form.</summary>
    public static string CsvRow(AttackOutcome o) =>
        string.Create(CultureInfo.InvariantCulture,
                      $"{o.Index},{o.Label},{o.Target?.ToString(CultureInfo.InvariantCulture) ?? ""},{o.CleanPrediction},{o.AdversarialPrediction},{Float(o.LinfNorm)},{Float(o.Margin)}");

    // Stryker disable once String : since .NET Core 3.0 a float's default format is its shortest round-trip form, as "R" is.
    static string Float(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture);
}
