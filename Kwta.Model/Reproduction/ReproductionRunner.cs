using System.Diagnostics;
using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>
/// Runs every cell of a family's table (<see cref="ReproductionCell.All"/>) on its three shipped models: clean accuracy, the
/// reproduction's attacks (VGA, PGD, DeepFool), the reproduction's own PGD setting, and the adaptive
/// attacks (transfer from the ReLU twin, BPDA, finite-difference PGD) on the k-WTA models, and where the settings ask for
/// them the gradient-masking indicators' attacks on every model (AutoAttack, Square, PGD followed by a stronger or an unbounded PGD).
/// Every attack is seeded, so a rerun on the same machine gives the same outcomes.
/// </summary>
public static class ReproductionRunner
{
    /// <summary>Every cell of <paramref name="family"/> at <paramref name="settings"/>, except those <paramref name="recorded"/>
    /// holds, which are read from it (clean accuracy is always measured: it costs one forward pass per image).</summary>
    public static FamilyResults Run(ModelFamily family, LabeledImages images, string modelsDirectory,
                                    ReproductionSettings settings, Action<string>? log = null, RecordedOutcomes? recorded = null)
    {
        var watch = Stopwatch.StartNew();
        var source = $"run on {images.Count} images from {images.Source}";
        if (recorded is { Cells.Count: > 0 }) source += $", {recorded.Cells.Count} attack cell(s) read from {recorded.Source}";
        var results = NewResults(family, settings, modelsDirectory, source);
        using var relu = ModelFile.LoadShipped(family.ModelName(ActivationSpec.Relu), modelsDirectory);
        // One transfer attack for the family: it crafts the ReLU adversarials once for both k-WTA models.
        var transfer = Create(ResultColumn.Transfer, family, images, settings, relu);
        foreach (var cells in ReproductionCell.All(family, settings).GroupBy(c => c.Activation))
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
                    results.Add(activation, cell.Column, outcomes);
                    log?.Invoke($"{name} {cell.Column.Header()}: {results.Percent(activation, cell.Column):F1}% of {outcomes.Count}, from {recorded.Source}");
                    continue;
                }
                var attack = cell.Column == ResultColumn.Transfer ? transfer : Create(cell.Column, family, images, settings, relu);
                var report = RobustAccuracy.Evaluate(target, attack, subset, settings.BatchSize,
                    p => log?.Invoke($"{name} {cell.Column.Header()}: {p.ImagesDone}/{p.Images}, robust so far {p.RobustAccuracySoFar:P1}"));
                results.Add(activation, cell.Column, report);
                log?.Invoke($"{name} {cell.Column.Header()}: {results.Percent(activation, cell.Column):F1}% of {report.Outcomes.Count} ({watch.Elapsed:mm\\:ss})");
            }
        }
        MeasureSilentGradients(results, images, modelsDirectory);
        results.Elapsed = watch.Elapsed;
        return results;
    }

    /// <summary>
    /// C9's silent-gradient indicator, for each model on the masking attacks' images (none when the settings run no
    /// masking attack): one forward and backward pass per image, seconds, so it is measured with every run rather than ledgered.
    /// </summary>
    public static void MeasureSilentGradients(FamilyResults results, LabeledImages images, string modelsDirectory)
    {
        int count = results.Settings.MaskingImages;
        if (count == 0) return;
        foreach (var activation in ModelFamily.Activations)
        {
            using var model = ModelFile.LoadShipped(results.Family.ModelName(activation), modelsDirectory);
            results.SilentGradients[activation] = InputGradientSilence.Measure(model, images, [.. Enumerable.Range(0, count)], results.Settings.BatchSize);
        }
    }

    /// <summary>Empty results of <paramref name="family"/> with what its shipped files record: each model's full-test-set
    /// accuracy (manifest) and, where the family has them, the epoch-1 accuracies of C6's training logs.</summary>
    public static FamilyResults NewResults(ModelFamily family, ReproductionSettings settings, string modelsDirectory, string source)
    {
        var results = new FamilyResults(family, settings) { Source = source };
        var manifest = ModelManifest.Load(modelsDirectory);
        foreach (var activation in ModelFamily.Activations)
            results.ManifestCleanAccuracy[activation] = manifest.Get(family.ModelName(activation), modelsDirectory).CleanAccuracy;
        if (family.HasRandomInitRecord)
            results.EpochOneTestAccuracy = (EpochOneTestAccuracy(family.ModelName(ModelFamily.KwtaGamma02), modelsDirectory),
                                            EpochOneTestAccuracy(family.RandomInitRecordName, modelsDirectory));
        return results;
    }

    /// <summary>The masking indicators run AutoAttack at its own default budget, as RobustBench does.</summary>
    const string MaskingPreset = "standard";

    /// <summary>The attack behind a column, with the family's ε and the paper's or the reproduction's settings.</summary>
    public static Attack Create(ModelFamily family, ResultColumn column, long valuesPerImage, long seed,
                                bool tramerFiniteDifference, nn.Module<Tensor, Tensor> reluTwin) => column switch
    {
        ResultColumn.Pgd => PaperPgd(family, seed),
        ResultColumn.PgdSeedFoolbox => PgdPresets.Create("seed-foolbox", seed: seed, threat: family.Threat),
        ResultColumn.DeepFool => new DeepFoolLinf(family.Epsilon, steps: 20, candidates: 10, overshoot: 0.02, DeepFoolAcceptance.WithinEpsilon),
        ResultColumn.Vga => new VanillaGradientAscent(VanillaGradientAscent.SeedLearningRateFor(valuesPerImage)),
        ResultColumn.Transfer => new TransferAttack(reluTwin, PaperPgd(family, seed)),
        ResultColumn.Bpda => new BpdaAttack(PaperPgd(family, seed), KwtaBackward.Relu),
        ResultColumn.FiniteDifference => tramerFiniteDifference
            ? FiniteDifferencePgd.Tramer(family.Epsilon, seed)
            : FiniteDifferencePgd.Fast(family.Epsilon, seed),
        ResultColumn.AutoAttack => AutoAttackPresets.Ensemble(MaskingPreset, family.Epsilon, seed),
        ResultColumn.Square => AutoAttackPresets.Square(MaskingPreset, family.Epsilon, seed),
        ResultColumn.PgdStrong => new SurvivorFollowUp(PaperPgd(family, seed), PgdPresets.Create("strong", seed: seed, threat: family.Threat)),
        ResultColumn.PgdUnbounded => new SurvivorFollowUp(PaperPgd(family, seed), PgdPresets.Create("unbounded", seed: seed, threat: family.Threat)),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "clean accuracy is not an attack."),
    };

    static Attack Create(ResultColumn column, ModelFamily family, LabeledImages images, ReproductionSettings settings,
                         nn.Module<Tensor, Tensor> reluTwin) =>
        Create(family, column, images.ImageBytes, settings.Seed, settings.TramerFiniteDifference, reluTwin);

    static double EpochOneTestAccuracy(string logName, string modelsDirectory)
    {
        var path = ModelPublisher.LogPath(logName, modelsDirectory);
        return EpochRecord.ReadCsv(path).FirstOrDefault()?.TestAccuracy
               ?? throw new FormatException($"{path}: the log has no epoch-1 test accuracy.");
    }

    /// <summary>The paper's PGD at the family's threat model (MNIST: ε 0.3, step 0.01).</summary>
    public static LinfPgd PaperPgd(ModelFamily family, long seed) => PgdPresets.Create("paper", seed: seed, threat: family.Threat);
}
