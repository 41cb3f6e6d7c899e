using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Ledger;
using Kwta.Model.Persistence;

namespace Kwta.Model.Reproduction;

/// <summary>Where a cell's ledger file stands (<c>kwta ledger status</c>), and which cells cannot be built because a model
/// they load is not shipped. Reads files only.</summary>
public static class CellStatus
{
    /// <summary>One line on the cell's file: missing, partly built, shards not merged, stale (and why), refused, fresh (n and
    /// robust accuracy), or not buildable because a model it loads is not shipped.</summary>
    public static string Of(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory)
    {
        if (Unshipped([planned], modelsDirectory) is { Count: > 0 } missing) return $"{planned.Ledger}: not buildable, {string.Join(", ", missing)} not shipped";
        var identity = CellIdentity.Of(planned, images, modelsDirectory);
        var path = planned.Ledger.PathIn(ledgerDirectory);
        if (File.Exists(path))
        {
            switch (CellReader.Refusal(planned, identity, images, ledgerDirectory))
            {
                case StaleLedgerException stale:
                    return $"{planned.Ledger}: stale, {string.Join("; ", stale.Reasons)}" + (LedgerMerge.Waiting(planned.Ledger, ledgerDirectory) is { } waiting ? $"; {waiting}" : "");
                case { } refused:
                    return $"{planned.Ledger}: refused, {refused.Message}";
            }
            var file = LedgerFile.Read(path);
            var report = new AttackReport(planned.Table.Column.Slug(), planned.Table.Images, file.Outcomes);
            return FormattableString.Invariant($"{planned.Ledger}: fresh, {file.Outcomes.Count} outcomes, robust {100 * report.RobustAccuracy:F1}%, built {file.Header.Built}");
        }
        if (LedgerMerge.Waiting(planned.Ledger, ledgerDirectory) is { } shards) return $"{planned.Ledger}: {shards}";
        var partial = path + CellBuild.PartialSuffix;
        return File.Exists(partial)
            ? $"{planned.Ledger}: partly built, {LedgerFile.Read(partial).Outcomes.Select(o => o.Index).Distinct().Count()} of {planned.Table.Images} images"
            : $"{planned.Ledger}: missing";
    }

    /// <summary>The models that <paramref name="cells"/> load and <paramref name="modelsDirectory"/>'s manifest does not list.</summary>
    public static IReadOnlyList<string> Unshipped(IEnumerable<PlannedCell> cells, string modelsDirectory)
    {
        var manifest = ModelManifest.Load(modelsDirectory);
        return [.. cells.SelectMany(c => c.Models).Distinct().Where(m => !manifest.Models.Any(e => e.Name.Equals(m, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Refuses, before any work, cells whose models are not shipped: a build of many cells would otherwise stop
    /// at the first of them, hours in.</summary>
    public static void RequireShipped(IReadOnlyList<PlannedCell> cells, string modelsDirectory)
    {
        if (Unshipped(cells, modelsDirectory) is { Count: > 0 } missing)
            throw new ArgumentException($"{string.Join(", ", missing)} not in {Path.Combine(modelsDirectory, ModelManifest.FileName)}: " +
                                        "select the cells of shipped models with --model, or ship the model first.");
    }
}
