using System.Diagnostics;
using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>
/// One family's cells run in this process (<see cref="TableCell.All"/>) on its three shipped models: clean accuracy, the
/// reproduction's attacks (VGA, PGD, DeepFool), the reproduction's own PGD setting, and the adaptive attacks (transfer
/// from the ReLU twin, BPDA, finite-difference PGD) on the k-WTA models, and where the settings ask for them the
/// gradient-masking indicators' attacks on every model, each the attack of its column (<see cref="ColumnAttacks"/>).
/// Every attack is seeded, so a rerun on the same machine gives the same outcomes. Each model is loaded once.
/// </summary>
public static class FamilyRun
{
    /// <summary>Every cell of <paramref name="family"/> at <paramref name="settings"/>, except those <paramref name="recorded"/>
    /// holds, which are read from it (clean accuracy is always measured: it costs one forward pass per image).</summary>
    public static FamilyResults Run(ModelFamily family, LabeledImages images, string modelsDirectory,
                                    ReproductionSettings settings, Action<string>? log = null, RecordedOutcomes? recorded = null)
    {
        var watch = Stopwatch.StartNew();
        var source = $"run on {images.Count} images from {images.Source}";
        if (recorded is { Cells.Count: > 0 }) source += $", {recorded.Cells.Count} attack cell(s) read from {recorded.Source}";
        var results = ShippedRecords.NewResults(family, settings, modelsDirectory, source);
        using var relu = ModelFile.LoadShipped(family.ModelName(ActivationSpec.Relu), modelsDirectory);
        // One transfer attack for the family: it crafts the ReLU adversarials once for both k-WTA models.
        var transfer = ResultColumn.Transfer.Create(family, settings, images.ImageBytes, () => relu);
        foreach (var cells in TableCell.All(family, settings).GroupBy(c => c.Activation))
        {
            var activation = cells.Key;
            var name = family.ModelName(activation);
            using var model = activation == ActivationSpec.Relu ? null : ModelFile.LoadShipped(name, modelsDirectory);
            var target = model ?? relu;
            foreach (var cell in cells)
            {
                var subset = images.Take(cell.Images);
                if (cell.Column == ResultColumn.Clean)
                {
                    results.Add(activation, cell.Column, Predictions.Of(target, subset).Select((p, i) => p == subset.Labels[i]).ToArray());
                    continue;
                }
                if (recorded?.Cells.GetValueOrDefault((activation, cell.Column)) is { } outcomes)
                {
                    results.Add(activation, cell.Column, outcomes, recorded.Source);
                    log?.Invoke($"{name} {cell.Column.Header()}: {results.Percent(activation, cell.Column):F1}% of {outcomes.Count}, from {recorded.Source}");
                    continue;
                }
                var attack = cell.Column == ResultColumn.Transfer ? transfer : cell.Column.Create(family, settings, images.ImageBytes);
                var report = RobustAccuracy.Evaluate(target, attack, subset, settings.BatchSize,
                    p => log?.Invoke($"{name} {cell.Column.Header()}: {p.ImagesDone}/{p.Images}, robust so far {p.RobustAccuracySoFar:P1}"));
                results.Add(activation, cell.Column, report);
                log?.Invoke($"{name} {cell.Column.Header()}: {results.Percent(activation, cell.Column):F1}% of {report.Outcomes.Count} ({watch.Elapsed:mm\\:ss})");
            }
            SilentGradients.Measure(results, activation, target, images);
        }
        results.Elapsed = watch.Elapsed;
        return results;
    }
}
