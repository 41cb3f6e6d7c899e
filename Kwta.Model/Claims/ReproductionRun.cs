using Kwta.Model.Data;
using Kwta.Model.Ledger;
using Kwta.Model.Persistence;
using Kwta.Model.Reproduction;

namespace Kwta.Model.Claims;

/// <summary>
/// The reproduction, run the one way both <c>kwta reproduce</c> and the tests run it: each family's images from
/// <see cref="Data"/>, its shipped models from <see cref="ModelsDirectory"/>, every cell of its tables
/// (<see cref="Cells"/>) at <see cref="Settings"/>, and C6's training half; <see cref="ClaimChecks"/> decides the
/// claims on what it returns. A family whose ledger exists at the data's scale (<see cref="LedgerDirectory"/>) is read
/// from it (1000 images per cell on the fixtures) instead of run at <see cref="Settings"/>; a run at the full ledger's
/// own sizes reads the full-scale cells that exist and attacks for the rest. The caller pins the numerics first (<see cref="Runtime.PinnedNumerics.Apply"/>),
/// since that must happen before libtorch's first operation.
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

    /// <summary>What <see cref="Run"/> measures on <paramref name="family"/>: per model and column, the images it attacks.</summary>
    public IEnumerable<ReproductionCell> Cells(ModelFamily family) => ReproductionCell.All(family, Settings);

    public LabeledImages Images(ModelFamily family) => Data.Load(family.Dataset);

    /// <summary>Why <see cref="Run"/> cannot decide <paramref name="family"/>'s claims, or null if it can: its three models
    /// are not all in the manifest, or it is decided only from its ledger (<see cref="ModelFamily.LedgerOnly"/>) and
    /// that ledger is not complete at the data's scale.</summary>
    public string? WhyUndecided(ModelFamily family)
    {
        if (LedgerCells.Unshipped(LedgerPlan.Cells(Scale, [family]), ModelsDirectory).Count > 0)
            return $"its three models are not all in {Path.Combine(ModelsDirectory, ModelManifest.FileName)}";
        if (!family.LedgerOnly) return null;
        var (missing, cells) = (LedgerResults.Missing(family, Scale, LedgerDirectory).Count, LedgerResults.Required(family, Scale).Count);
        return missing == 0 ? null
            : $"its claims are decided only from its {Scale.Name()} ledger, which lacks {missing} of the {cells} cells they rest on " +
              $"(`kwta ledger build --scale {Scale.Name()} --family {family.Name}`)";
    }

    /// <summary>Every cell of <paramref name="family"/>, with per-image outcomes.</summary>
    public FamilyResults Run(ModelFamily family, Action<string>? log = null)
    {
        if (family.LedgerOnly && WhyUndecided(family) is { } why) throw new InvalidOperationException($"{family.Name}: {why}.");
        var images = Images(family);
        bool ledgerPresent = LedgerResults.IsPresent(family, Scale, LedgerDirectory);
        if (ledgerPresent && Scale == LedgerScale.Full && Settings == LedgerPlan.Settings(Scale))
        {
            // The full ledger is built cell by cell (docs/ledger.md); a run at its sizes reads the cells it has.
            var recorded = LedgerResults.Recorded(family, Scale, images, ModelsDirectory, LedgerDirectory);
            log?.Invoke($"{family.Title}: {images.Count} images from {images.Source}, {recorded.Cells.Count} cells from {recorded.Source}");
            return ReproductionRunner.Run(family, images, ModelsDirectory, Settings, log, recorded);
        }
        // A default-size run on the official data uses the full ledger only when it is complete.
        if (ledgerPresent && (Scale == LedgerScale.Fixtures || LedgerResults.Missing(family, Scale, LedgerDirectory).Count == 0))
        {
            log?.Invoke($"{family.Title}: read from the {Scale.Name()} ledger in {LedgerDirectory}");
            return LedgerResults.Load(family, Scale, images, ModelsDirectory, LedgerDirectory);
        }
        log?.Invoke($"{family.Title}: {images.Count} images from {images.Source}");
        return ReproductionRunner.Run(family, images, ModelsDirectory, Settings, log);
    }

    /// <summary>C6's training half on the MNIST images, in a temporary folder that is removed afterwards.</summary>
    public ClaimCheck ReluInitialisationTraining(Action<string>? log = null)
    {
        log?.Invoke("C6: one fine-tune epoch on MNIST from ReLU weights and from random init …");
        var scratch = Directory.CreateTempSubdirectory("kwta-c6-").FullName;
        try
        {
            return ClaimChecks.ReluInitialisationTraining(Data.Load(DatasetKind.Mnist), ModelsDirectory, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
