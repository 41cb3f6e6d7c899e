using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Ledger;
using Kwta.Model.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>Builds, re-verifies and reads the ledger file of a <see cref="PlannedCell"/>: its model and attack, and
/// the identity (attack settings, images, weights, data) its file must carry to be fresh.</summary>
public static class LedgerCells
{
    public static CellBuild.Result Build(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory,
                                         LedgerShard shard, Action<CellProgress>? progress = null)
    {
        using var setup = Setup.Load(planned, images, modelsDirectory);
        int batch = LedgerPlan.Settings(planned.Scale).BatchSize;
        var path = planned.Ledger.PathIn(ledgerDirectory);
        bool distrusted = shard.IsWhole && File.Exists(path) && Refusal(planned, setup, images, ledgerDirectory) is not null and not StaleLedgerException;
        var result = CellBuild.Run(setup.Identity, planned.Table.ImageIndices, shard, path,
                                   indices => RobustAccuracy.Evaluate(setup.Model, setup.Attack, images, indices, batch).Outcomes, batch, progress, distrusted);
        if (result == CellBuild.Result.Built && shard.IsWhole) LedgerDigests.Record(planned.Ledger, ledgerDirectory);
        return result;
    }

    /// <summary>Recomputes the cell's verification sample and compares it with the file, image by image.</summary>
    /// <exception cref="StaleLedgerException">The file was built from other settings, weights or data.</exception>
    public static CellAgreement Verify(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory)
    {
        using var setup = Setup.Load(planned, images, modelsDirectory);
        var file = Read(planned, setup, setup.Identity, images, ledgerDirectory);
        var sample = LedgerVerification.Sample(planned.Table.ImageIndices, planned.VerificationSample, LedgerVerification.SampleSeed(planned.Ledger.ToString()));
        var recomputed = RobustAccuracy.Evaluate(setup.Model, setup.Attack, images, sample, LedgerPlan.Settings(planned.Scale).BatchSize).Outcomes;
        return LedgerVerification.Compare(planned.Ledger.ToString(), file.Outcomes, recomputed);
    }

    /// <summary>
    /// Re-verifies a full-scale cell on <paramref name="fixtures"/>, the official test set's first images, so that every
    /// test run checks full-scale cells without the official data: the sample is drawn among the cell's images the
    /// fixtures hold, and the file must match the code's attack and the model's weights, and the fixtures' labels on the
    /// sample. Its images and data lines cover images the fixtures lack: `kwta ledger verify --scale full --data DIR` checks them.
    /// </summary>
    /// <exception cref="StaleLedgerException">The file was built from other attack settings or weights.</exception>
    public static CellAgreement VerifyOnFixtures(PlannedCell planned, LabeledImages fixtures, string modelsDirectory, string ledgerDirectory)
    {
        if (planned.Scale != LedgerScale.Full) throw new ArgumentException($"{planned.Ledger} is not a full-scale cell.", nameof(planned));
        using var setup = Setup.Load(planned, fixtures, modelsDirectory, fixturesOnly: true);
        var recorded = LedgerFile.Read(planned.Ledger.PathIn(ledgerDirectory)).Header;
        var file = Read(planned, setup, setup.Identity with { Images = recorded.Images, DataSha256 = recorded.DataSha256 }, fixtures, ledgerDirectory);
        var held = planned.Table.ImageIndices.Where(i => i < fixtures.Count).ToList();
        var sample = LedgerVerification.Sample(held, planned.VerificationSample, LedgerVerification.SampleSeed(planned.Ledger.ToString()));
        var recomputed = RobustAccuracy.Evaluate(setup.Model, setup.Attack, fixtures, sample, LedgerPlan.Settings(planned.Scale).BatchSize).Outcomes;
        return LedgerVerification.Compare(planned.Ledger.ToString(), file.Outcomes, recomputed);
    }

    /// <summary>The cell's recorded outcomes, refused if the file is missing or stale.</summary>
    public static IReadOnlyList<AttackOutcome> Outcomes(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory)
    {
        using var setup = Setup.Load(planned, images, modelsDirectory);
        return Read(planned, setup, setup.Identity, images, ledgerDirectory).Outcomes;
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

    /// <summary>The cell's shards joined and checked against the code's current identity of the cell; written by
    /// <see cref="LedgerMerge.Prepared.Commit"/>.</summary>
    public static LedgerMerge.Prepared PrepareMerge(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory)
    {
        using var setup = Setup.Load(planned, images, modelsDirectory);
        return LedgerMerge.Prepare(planned.Ledger, ledgerDirectory, setup.Identity);
    }

    /// <summary>One line on the cell's file: missing, partly built, shards not merged, stale (and why), fresh (n and
    /// robust accuracy), or not buildable because a model it loads is not shipped.</summary>
    public static string Status(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory)
    {
        if (Unshipped([planned], modelsDirectory) is { Count: > 0 } missing) return $"{planned.Ledger}: not buildable, {string.Join(", ", missing)} not shipped";
        using var setup = Setup.Load(planned, images, modelsDirectory);
        var path = planned.Ledger.PathIn(ledgerDirectory);
        if (File.Exists(path))
        {
            switch (Refusal(planned, setup, images, ledgerDirectory))
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

    /// <summary>Why the cell's existing file is refused (stale, malformed or edited since its build), or null if it is read.</summary>
    static Exception? Refusal(PlannedCell planned, Setup setup, LabeledImages images, string ledgerDirectory)
    {
        try
        {
            Read(planned, setup, setup.Identity, images, ledgerDirectory);
            return null;
        }
        catch (Exception e) when (e is LedgerFormatException or StaleLedgerException or TamperedLedgerException)
        {
            return e;
        }
    }

    /// <summary>The cell's file, refused if missing, malformed (<see cref="LedgerRows"/>), stale, edited since its build
    /// (<see cref="LedgerDigests"/>), or holding a row beyond the attack's radius or with another label than <paramref name="images"/>'.</summary>
    static LedgerFile Read(PlannedCell planned, Setup setup, LedgerHeader identity, LabeledImages images, string ledgerDirectory)
    {
        var path = planned.Ledger.PathIn(ledgerDirectory);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no ledger for {planned.Ledger}; build it with `{planned.Ledger.BuildCommand}`.", path);
        var file = LedgerFile.Read(path);
        if (file.Header.StaleAgainst(identity) is { Count: > 0 } reasons) throw new StaleLedgerException(path, reasons, planned.Ledger.BuildCommand);
        LedgerDigests.Check(planned.Ledger, ledgerDirectory);
        LedgerRows.CheckAgainst(file, path, setup.Attack.LinfRadius, images.Labels);
        return file;
    }

    /// <summary>The cell's model, its family's ReLU model (the transfer source) and attack, and the identity they give.</summary>
    sealed class Setup : IDisposable
    {
        readonly nn.Module<Tensor, Tensor>? own;
        readonly nn.Module<Tensor, Tensor> relu;

        public nn.Module<Tensor, Tensor> Model => own ?? relu;
        public Attack Attack { get; }
        public LedgerHeader Identity { get; }

        Setup(PlannedCell planned, LabeledImages images, string modelsDirectory)
        {
            var manifest = ModelManifest.Load(modelsDirectory);
            var reluName = planned.Table.Family.ModelName(ActivationSpec.Relu);
            relu = ModelFile.LoadShipped(reluName, modelsDirectory);
            own = planned.Table.Activation == ActivationSpec.Relu ? null : ModelFile.LoadShipped(planned.Table.Model, modelsDirectory);
            var settings = LedgerPlan.Settings(planned.Scale);
            Attack = ReproductionRunner.Create(planned.Table.Family, planned.Table.Column, images.ImageBytes, settings.Seed, settings.TramerFiniteDifference, relu);
            // The transfer source's weights decide the outcomes as much as the target's.
            var source = planned.Table.Column == ResultColumn.Transfer ? $"; source {reluName} sha256 {manifest.Get(reluName, modelsDirectory).Sha256}" : "";
            Identity = new LedgerHeader(planned.Ledger.ToString(), Attack + source, IndexRanges.Format(planned.Table.ImageIndices),
                                        manifest.Get(planned.Table.Model, modelsDirectory).Sha256, LedgerData.Sha256(images), Machine: "", Built: "");
        }

        /// <param name="fixturesOnly">The images are the fixtures, which hold only the first of a full-scale cell's images.</param>
        public static Setup Load(PlannedCell planned, LabeledImages images, string modelsDirectory, bool fixturesOnly = false)
        {
            if (images.Count < planned.Table.Images && !fixturesOnly)
                throw new ArgumentException($"{planned.Ledger} needs {planned.Table.Images} images; {images.Source} holds {images.Count}.", nameof(images));
            return new Setup(planned, images, modelsDirectory);
        }

        public void Dispose()
        {
            own?.Dispose();
            relu.Dispose();
        }
    }
}
