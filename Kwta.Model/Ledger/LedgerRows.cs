using System.Globalization;
using Kwta.Model.Evaluation;

namespace Kwta.Model.Ledger;

/// <summary>
/// What a ledger file's rows must satisfy to be read at all, so that an edited, cut or duplicated row is refused
/// naming its file and line instead of deciding a claim: rows in (image, target) order, each once, each image one the
/// header names, and, once the file is finished, every image it names; a margin whose sign agrees with the adversarial
/// prediction; ‖δ‖∞ within the attack's radius; the label the data gives the image.
/// </summary>
public static class LedgerRows
{
    /// <summary>How far a recorded ‖δ‖∞ may exceed the attack's radius: float32 rounding of x ± ε for pixels in [0, 1]
    /// is at most 2⁻²⁴ ≈ 6e-8 per value (the committed cells exceed ε by at most 1.8e-8); 1e-6 leaves a wide margin and
    /// still refuses any perturbation a pixel level (1/255) beyond ε.</summary>
    public const double LinfSlack = 1e-6;

    /// <summary>The checks that need only the file: order, uniqueness, the header's images, margins that agree with the
    /// predictions, and, unless the file is still being built, completeness.</summary>
    public static void CheckStructure(LedgerFile file, string path)
    {
        var header = file.Header;
        var named = IndexRanges.Parse(header.Images);
        var expected = header.Shard.Length == 0 ? named : LedgerShard.Parse(header.Shard).Select(named);
        var allowed = expected.ToHashSet();
        for (int row = 0; row < file.Outcomes.Count; row++)
        {
            var o = file.Outcomes[row];
            void Where(string problem) => Fail(path, file.FirstRowLine + row, problem);
            if (row > 0 && Compare(file.Outcomes[row - 1], o) is var order && order >= 0)
                Where(order == 0 ? $"{Describe(o)} appears twice (also line {file.FirstRowLine + row - 1})."
                                 : $"{Describe(o)} comes after {Describe(file.Outcomes[row - 1])}: rows must be in image order.");
            if (!allowed.Contains(o.Index)) Where($"image {o.Index} is not one of the {(header.Shard.Length == 0 ? "header's" : $"shard {header.Shard}'s")} images.");
            if (o.Target == o.Label) Where($"{Describe(o)} targets its own label.");
            if (double.IsNaN(o.Margin) || (o.AdversarialPrediction == o.Label ? o.Margin < 0 : o.Margin > 0))
                Where(Invariant($"{Describe(o)} has margin {(float)o.Margin} but adversarial prediction {o.AdversarialPrediction} for label {o.Label}: the margin's sign must say the same."));
            if (!(o.LinfNorm >= 0) || double.IsInfinity(o.LinfNorm)) Where(Invariant($"{Describe(o)} has ‖δ‖∞ {(float)o.LinfNorm}."));
        }
        if (header.Built == LedgerHeader.InProgress) return;
        var present = file.Outcomes.Select(o => o.Index).ToHashSet();
        if (expected.Where(i => !present.Contains(i)).ToList() is { Count: > 0 } missing)
            Fail(path, file.FirstRowLine + file.Outcomes.Count, $"no row for image(s) {IndexRanges.Format(missing)}, which the header names: the file is incomplete.");
        if (file.Outcomes.Any(o => o.Target is not null))
        {
            var perImage = file.Outcomes.GroupBy(o => o.Index).Select(g => (Image: g.Key, Targets: g.Count())).ToList();
            if (perImage.FirstOrDefault(p => p.Targets != perImage[0].Targets) is { Image: var image, Targets: var targets } && targets != 0)
                Fail(path, file.FirstRowLine, $"image {image} has {targets} target rows, image {perImage[0].Image} {perImage[0].Targets}: a targeted cell attacks every image towards the same classes.");
        }
    }

    /// <summary>The checks that need the attack and the data: ‖δ‖∞ ≤ <paramref name="linfRadius"/> (+ <see cref="LinfSlack"/>)
    /// and each row's label equal to the data's, for the images <paramref name="labels"/> holds.</summary>
    public static void CheckAgainst(LedgerFile file, string path, double linfRadius, IReadOnlyList<byte> labels)
    {
        for (int row = 0; row < file.Outcomes.Count; row++)
        {
            var o = file.Outcomes[row];
            // Stryker disable once Equality : a float32 norm never equals ε + 1e-6 in double.
            if (o.LinfNorm > linfRadius + LinfSlack)
                Fail(path, file.FirstRowLine + row, Invariant($"{Describe(o)} has ‖δ‖∞ {(float)o.LinfNorm}, beyond the attack's ε {linfRadius}."));
            if (o.Index < labels.Count && labels[o.Index] != o.Label)
                Fail(path, file.FirstRowLine + row, $"{Describe(o)} has label {o.Label}; the data's label is {labels[o.Index]}.");
        }
    }

    static int Compare(AttackOutcome a, AttackOutcome b) =>
        a.Index != b.Index ? a.Index.CompareTo(b.Index) : (a.Target ?? -1).CompareTo(b.Target ?? -1);

    static string Describe(AttackOutcome o) => o.Target is { } t ? $"image {o.Index}, target {t}," : $"image {o.Index}";

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    static void Fail(string path, int line, string problem) => throw new LedgerFormatException(path, line, problem);
}
