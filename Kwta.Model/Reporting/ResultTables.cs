using System.Globalization;
using System.Text;
using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Reproduction;

namespace Kwta.Model.Reporting;

/// <summary>
/// The result tables in the reproduction's layout (rows ReLU / k-WTA 0.1 / k-WTA 0.2; columns Clean,
/// VGA, PGD, DeepFool, then ours), each cell "ours (95% Wilson interval)" with the reproduction's
/// (seed) and the paper's number beside it where one exists. The snapshot tests compare these.
/// </summary>
public static class ResultTables
{
    /// <summary>The main table's columns: the reproduction's and the adaptive attacks.</summary>
    public static readonly IReadOnlyList<ResultColumn> Columns = [.. Enum.GetValues<ResultColumn>().Where(c => !c.IsMaskingIndicator())];

    /// <summary>The gradient-masking table's columns (C9), beside the PGD they check; shown where they were run.</summary>
    public static readonly IReadOnlyList<ResultColumn> MaskingColumns =
        [ResultColumn.Pgd, .. ResultColumns.MaskingIndicators];

    /// <summary>The PGD of a column, whose settings the legend states.</summary>
    static LinfPgd Pgd(FamilyResults results, ResultColumn column) => (LinfPgd)column.Create(results.Family, results.Settings, valuesPerImage: 0);

    /// <summary>The PGD a masking column runs on PGD's survivors.</summary>
    static LinfPgd FollowUp(FamilyResults results, ResultColumn column) =>
        (LinfPgd)((SurvivorFollowUp)column.Create(results.Family, results.Settings, valuesPerImage: 0)).Then;

    public static string Markdown(FamilyResults results)
    {
        var family = results.Family;
        var (paper, seedFoolbox) = (Pgd(results, ResultColumn.Pgd), Pgd(results, ResultColumn.PgdSeedFoolbox));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## {family.Title}\n\n");
        text.Append(FormattableString.Invariant(
            $"Accuracy in % with its 95% Wilson interval; ε = {family.Epsilon}, PGD {paper.Steps} steps of {paper.StepSize} (seed-foolbox: {seedFoolbox.StepSize:G2}); {PublishedLegend(family)}Robust = correct on the clean and on the attacked image (AutoAttack's and RobustBench's definition; foolbox 3, which the seed used, also counts clean mistakes that an attack's random start fixes). Adaptive attacks (Transfer, BPDA, Finite-diff) target k-WTA only.\n\n"));
        AppendTable(text, results, Columns, "Clean (full test set)", a => FormattableString.Invariant($"{100 * results.ManifestCleanAccuracy[a]:F2}"), "10000");
        if (MaskingColumns.Any(c => c != ResultColumn.Pgd && ModelFamily.Activations.Any(a => results.Has(a, c))))
        {
            var (strong, unbounded) = (FollowUp(results, ResultColumn.PgdStrong), FollowUp(results, ResultColumn.PgdUnbounded));
            text.Append(FormattableString.Invariant(
                $"\nGradient-masking indicators (C9): robust accuracy in % under AutoAttack (standard, without FAB-T) and Square ({SquareAttack.AutoAttackQueries} queries) run alone; PGD followed, on the images it leaves robust, by PGD with {strong.Steps} steps and {strong.Restarts} restarts, or by PGD with ε = {unbounded.Epsilon}; silent gradients: % of the images whose clean input gradient is all zero or not finite.\n\n"));
            AppendTable(text, results, MaskingColumns, "Silent gradients",
                        a => results.SilentGradients.TryGetValue(a, out var silent) ? Percent(silent) : "–",
                        results.SilentGradients.Values.FirstOrDefault()?.Length.ToString(CultureInfo.InvariantCulture) ?? "–");
        }
        return text.ToString();
    }

    static void AppendTable(StringBuilder text, FamilyResults results, IReadOnlyList<ResultColumn> columns,
                            string firstHeader, Func<ActivationSpec, string> first, string firstImages)
    {
        text.Append(CultureInfo.InvariantCulture, $"| model | {firstHeader} | ").AppendJoin(" | ", columns.Select(c => c.Header())).Append(" |\n");
        text.Append("|---|---|").Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
        foreach (var activation in ModelFamily.Activations)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {activation.Label} | {first(activation)} |");
            foreach (var column in columns)
                text.Append(' ').Append(Cell(results, activation, column)).Append(" |");
            text.Append('\n');
        }
        text.Append(CultureInfo.InvariantCulture, $"| images | {firstImages} |");
        foreach (var column in columns)
        {
            var measured = ModelFamily.Activations.FirstOrDefault(a => results.Has(a, column));
            text.Append(' ').Append(measured is null ? "–" : results.Trials(measured, column).ToString(CultureInfo.InvariantCulture)).Append(" |");
        }
        text.Append('\n');
    }

    /// <summary>"[seed …, paper …] are the published numbers. ", naming the publishers the family's rows cite, and the family's note on them.</summary>
    static string PublishedLegend(ModelFamily family)
    {
        var publishers = family.Published.Values.SelectMany(n => n).Select(n => n.Publisher).Distinct().ToList();
        return publishers.Count == 0 ? ""
            : $"[{string.Join(", ", publishers.Select(p => p + " …"))}] are the published numbers{(family.PublishedNote is { } note ? ": " + note : "")}. ";
    }

    static string Percent(IReadOnlyList<bool> flags) =>
        string.Create(CultureInfo.InvariantCulture, $"{100.0 * flags.Count(f => f) / flags.Count:F1}");

    static string Cell(FamilyResults results, ActivationSpec activation, ResultColumn column)
    {
        if (!results.Has(activation, column)) return "–";
        var (low, high) = Statistics.WilsonInterval(results.Successes(activation, column), results.Trials(activation, column));
        var cell = string.Create(CultureInfo.InvariantCulture, $"{results.Percent(activation, column):F1} ({100 * low:F1}–{100 * high:F1})");
        var published = results.Family.Published.TryGetValue(activation, out var numbers)
            ? numbers.Where(n => n.Column == column).Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Publisher} {n.Value:0.0##}")).ToList()
            : [];
        return published.Count == 0 ? cell : $"{cell} [{string.Join(", ", published)}]";
    }
}
