using System.Diagnostics;
using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.Ledger;
using Kwta.Model.Persistence;

namespace Kwta.Model.Reproduction;

/// <summary>
/// The reproduction, the one way both <c>kwta reproduce</c> and the tests run it (<see cref="Execute"/>): each family's
/// images from <see cref="Data"/>, its shipped models from <see cref="ModelsDirectory"/>, every cell of its tables at
/// <see cref="Settings"/>, C6's training experiment, the figures if asked, and the claim checks on all of it. A family
/// whose ledger exists at the data's scale (<see cref="LedgerDirectory"/>) is read from it (1000 images per cell on the
/// fixtures) instead of run at <see cref="Settings"/>; a run at the full ledger's own sizes reads the full-scale cells
/// that exist and attacks for the rest. The caller pins the numerics first (PinnedNumerics in the Runtime layer), since
/// that must happen before libtorch's first operation.
/// </summary>
public sealed record ReproductionRun(DataSource Data, string ModelsDirectory, ReproductionSettings Settings, string LedgerDirectory)
{
    /// <summary>What <c>dotnet test</c> and a plain <c>kwta reproduce</c> run: the fixtures, from the ledger or at the default settings.</summary>
    public static ReproductionRun OnFixtures(string fixturesDirectory, string modelsDirectory, string ledgerDirectory) =>
        new(DataSource.FromFixtures(fixturesDirectory), modelsDirectory, ReproductionSettings.Default, ledgerDirectory);

    /// <summary>The full-size run on the official test sets (hours on CPU, unless the full ledger holds it).</summary>
    public static ReproductionRun Full(string dataDirectory, string modelsDirectory, string ledgerDirectory) =>
        new(DataSource.FromOfficialTestSets(dataDirectory), modelsDirectory, ReproductionSettings.Full, ledgerDirectory);

    /// <summary>The ledger scale of the data: the fixtures, or the official test sets (full).</summary>
    public LedgerScale Scale => Data.Kind == DataSourceKind.Fixtures ? LedgerScale.Fixtures : LedgerScale.Full;

    public LabeledImages Images(ModelFamily family) => Data.Load(family.Dataset);

    /// <summary>
    /// Runs (or reads) every family of <paramref name="families"/> it can decide, C6's training experiment if MNIST is
    /// among them, the figures if <paramref name="measureFigures"/>, and decides the claims. Refuses at once, before any
    /// work, a run that could decide no family or whose images are missing.
    /// </summary>
    /// <param name="familyDone">Called with each family's results as soon as they are in (the CLI prints its table).</param>
    public ReproductionResult Execute(IReadOnlyList<ModelFamily> families, bool measureFigures = false, Action<string>? log = null,
                                      Action<FamilyResults>? familyDone = null)
    {
        var watch = Stopwatch.StartNew();
        var undecided = families.Select(f => WhyUndecided(f) is { } why ? new UndecidedFamily(f, why) : null).OfType<UndecidedFamily>().ToList();
        var decided = families.Where(f => undecided.All(u => u.Family != f)).ToList();
        // An empty report would replace a good one and publish a green "0/0 claims holding" badge.
        if (decided.Count == 0) throw new ArgumentException($"nothing to run: {string.Join("; ", undecided)}.");
        foreach (var family in undecided) log?.Invoke($"skipping {family}");
        // Every family's images are read once up front, so a missing file stops the run before hours of work.
        foreach (var dataset in decided.Select(f => f.Dataset).Distinct()) Data.Load(dataset);

        var results = new List<FamilyResults>();
        var figures = measureFigures ? new FigureData() : null;
        foreach (var family in decided)
        {
            results.Add(Run(family, log));
            familyDone?.Invoke(results[^1]);
            figures?.Measure(this, family, log);
        }
        figures?.MeasureOverhead(log);
        var reluInitialisation = decided.Contains(ModelFamily.Mnist) ? ReluInitialisationTraining(log) : null;
        var checks = ClaimChecks.All(results, reluInitialisation is null ? null : ClaimChecks.ReluInitialisationTraining(reluInitialisation), figures?.Overhead);
        return new ReproductionResult(Settings, results, undecided, reluInitialisation, figures, checks, watch.Elapsed);
    }

    /// <summary>Why <see cref="Execute"/> cannot decide <paramref name="family"/>'s claims, or null if it can: its three models
    /// are not all in the manifest, or it is decided only from its ledger (<see cref="ModelFamily.LedgerOnly"/>) and
    /// that ledger is not complete at the data's scale.</summary>
    public string? WhyUndecided(ModelFamily family)
    {
        if (CellStatus.Unshipped(LedgerPlan.Cells(Scale, [family]), ModelsDirectory).Count > 0)
            return $"its three models are not all in {Path.Combine(ModelsDirectory, ModelManifest.FileName)}";
        if (!family.LedgerOnly) return null;
        var (missing, cells) = (FamilyLedger.Missing(family, Scale, LedgerDirectory).Count, FamilyLedger.Required(family, Scale).Count);
        return missing == 0 ? null
            : $"its claims are decided only from its {Scale.Name()} ledger, which lacks {missing} of the {cells} cells they rest on " +
              $"(`kwta ledger build --scale {Scale.Name()} --family {family.Name}`)";
    }

    /// <summary>Every cell of <paramref name="family"/>, with per-image outcomes: read from its ledger, or run here.</summary>
    FamilyResults Run(ModelFamily family, Action<string>? log)
    {
        if (family.LedgerOnly && WhyUndecided(family) is { } why) throw new InvalidOperationException($"{family.Name}: {why}.");
        var images = Images(family);
        bool ledgerPresent = FamilyLedger.IsPresent(family, Scale, LedgerDirectory);
        if (ledgerPresent && Scale == LedgerScale.Full && Settings == LedgerPlan.Settings(Scale))
        {
            // The full ledger is built cell by cell (docs/ledger.md); a run at its sizes reads the cells it has.
            var recorded = FamilyLedger.Recorded(family, Scale, images, ModelsDirectory, LedgerDirectory);
            log?.Invoke($"{family.Title}: {images.Count} images from {images.Source}, {recorded.Cells.Count} cells from {recorded.Source}");
            return FamilyRun.Run(family, images, ModelsDirectory, Settings, log, recorded);
        }
        // A default-size run on the official data uses the full ledger only when it is complete.
        if (ledgerPresent && (Scale == LedgerScale.Fixtures || FamilyLedger.Missing(family, Scale, LedgerDirectory).Count == 0))
        {
            log?.Invoke($"{family.Title}: read from the {Scale.Name()} ledger in {LedgerDirectory}");
            var read = FamilyLedger.Load(family, Scale, images, ModelsDirectory, LedgerDirectory);
            SilentGradients.Measure(read, images, ModelsDirectory);
            return read;
        }
        log?.Invoke($"{family.Title}: {images.Count} images from {images.Source}");
        return FamilyRun.Run(family, images, ModelsDirectory, Settings, log);
    }

    /// <summary>C6's training experiment on the MNIST images, in a temporary folder that is removed afterwards.</summary>
    FineTuneOutcomes ReluInitialisationTraining(Action<string>? log)
    {
        log?.Invoke("C6: one fine-tune epoch on MNIST from ReLU weights and from random init …");
        var scratch = Directory.CreateTempSubdirectory("kwta-c6-").FullName;
        try
        {
            return ReluInitialisationExperiment.Run(Data.Load(DatasetKind.Mnist), ModelsDirectory, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
