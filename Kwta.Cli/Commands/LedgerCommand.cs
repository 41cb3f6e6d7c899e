using System.CommandLine;
using System.Diagnostics;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Models;
using Kwta.Model.Reproduction;
using Kwta.Model.Runtime;
using TorchSharp;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta ledger build|merge|verify|status|cost</c>: the results ledger's cells (docs/ledger.md). A build resumes
/// after a kill, skips fresh cells and logs what each run cost; shards built anywhere are joined by merge; verify recomputes
/// each cell's sample as the tests do and prints the agreement; cost estimates a rebuild from the build log.</summary>
static class LedgerCommand
{
    sealed record Selection(Option<string> Scale, Option<string[]> Family, Option<string[]> Model, Option<string[]> Attack, Option<DirectoryInfo?> Ledger)
    {
        public static Selection Create() => new(
            new Option<string>("--scale") { Description = "fixtures (the 1000 fixture images) or full (the official test sets at the paper's sizes; needs --data).", DefaultValueFactory = _ => "fixtures" },
            new Option<string[]>("--family") { Description = "Only these families (default: all).", AllowMultipleArgumentsPerToken = true },
            new Option<string[]>("--model") { Description = "Only these models, e.g. resnet18-w16-kwta-0.1.", AllowMultipleArgumentsPerToken = true },
            new Option<string[]>("--attack") { Description = $"Only these columns: {string.Join(", ", ColumnSlugs())}.", AllowMultipleArgumentsPerToken = true },
            CommonOptions.Ledger());

        public IEnumerable<Option> All => [Scale, Family, Model, Attack, Ledger];

        public IReadOnlyList<PlannedCell> Cells(ParseResult parse)
        {
            var scale = LedgerScales.Parse(parse.GetValue(Scale)!);
            var families = parse.GetValue(Family) is { Length: > 0 } f ? f.Select(ModelFamily.Get).ToList() : [.. ModelFamily.All];
            var cells = LedgerPlan.Cells(scale, families);
            var columns = (parse.GetValue(Attack) ?? []).Select(ResultColumns.ParseSlug).ToHashSet();
            var models = (parse.GetValue(Model) ?? []).ToHashSet();
            var unknown = models.Where(m => cells.All(c => c.Table.Model != m)).ToList();
            if (unknown.Count > 0) throw new ArgumentException($"--model {string.Join(", ", unknown)}: not a model of {string.Join(", ", families.Select(x => x.Name))}.");
            var chosen = cells.Where(c => (columns.Count == 0 || columns.Contains(c.Table.Column)) && (models.Count == 0 || models.Contains(c.Table.Model))).ToList();
            return chosen.Count > 0 ? chosen : throw new ArgumentException("no ledger cell matches the --family, --model and --attack given.");
        }

        public string LedgerFolder(ParseResult parse) => parse.LedgerFolder(Ledger);
    }

    static IEnumerable<string> ColumnSlugs() =>
        Enum.GetValues<ResultColumn>().Where(c => c != ResultColumn.Clean).Select(c => c.Slug());

    public static Command Create() => new("ledger", "Build, merge and re-verify the results ledger (per-image outcomes of every cell).")
    {
        Build(), Merge(), Verify(), Status(), Cost(),
    };

    /// <summary>What a command on the selected cells works with: the cells, the folders, and each data set they need, loaded once.</summary>
    sealed record CellInputs(IReadOnlyList<PlannedCell> Cells, string Ledger, string Models, IReadOnlyDictionary<DatasetKind, LabeledImages> Images)
    {
        public LabeledImages ImagesOf(PlannedCell cell) => Images[cell.Table.Family.Dataset];
    }

    /// <summary>A subcommand over the selected cells, with the selection, the models, fixtures and data options and <paramref name="extra"/>.</summary>
    static Command OnCells(string name, string description, Action<ParseResult, CellInputs> run, params Option[] extra)
    {
        var selection = Selection.Create();
        var (models, fixtures, data) = (CommonOptions.Models(), CommonOptions.Fixtures(), CommonOptions.Data(required: false));
        var command = new Command(name, description) { models, fixtures, data };
        foreach (var option in selection.All.Concat(extra)) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var cells = selection.Cells(parse);
            run(parse, new CellInputs(cells, selection.LedgerFolder(parse), parse.ModelsFolder(models), Images(parse, cells, fixtures, data)));
        }));
        return command;
    }

    static Command Build()
    {
        var shard = new Option<string>("--shard") { Description = "Build only shard I/N of each cell (merge them with `kwta ledger merge`).", DefaultValueFactory = _ => "1/1" };
        // One thread lets a build share 2 cores with a training run; the header records the count.
        var threads = CommonOptions.Threads(Environment.ProcessorCount);
        return OnCells("build", "Build the missing or stale cells; resumes after a kill, one batch at most lost.", (parse, inputs) =>
        {
            var part = OptionErrors.Naming(shard, () => LedgerShard.Parse(parse.GetValue(shard)!));
            int threadCount = CommonOptions.CheckThreads(parse.GetValue(threads));
            foreach (var cell in inputs.Cells) OutputPath.CheckFile(part.PathFor(cell.Ledger.PathIn(inputs.Ledger)));
            CellStatus.RequireShipped(inputs.Cells, inputs.Models);
            using var locks = LockModelFolders(inputs.Cells, inputs.Ledger);
            PinnedNumerics.Apply(); // before libtorch's first operation
            torch.set_num_threads(threadCount);
            Console.WriteLine($"{inputs.Cells.Count} cell(s), shard {part}, into {inputs.Ledger}, on {PinnedNumerics.Machine()}");
            foreach (var cell in inputs.Cells)
            {
                var watch = Stopwatch.StartNew();
                var result = CellBuilder.Build(cell, inputs.ImagesOf(cell), inputs.Models, inputs.Ledger, part, p => Console.WriteLine(p));
                Console.WriteLine(result == CellBuild.Result.AlreadyFresh ? $"{cell}: fresh, skipped" : $"{cell}: built in {watch.Elapsed:hh\\:mm\\:ss}");
            }
        }, shard, threads);
    }

    static Command Merge() =>
        OnCells("merge", "Join each selected cell's shard files (CELL.shard-I-of-N.csv) into the cell's file, if they are of the code's current cell.", (_, inputs) =>
        {
            var sharded = inputs.Cells.Where(c => LedgerMerge.HasShards(c.Ledger.PathIn(inputs.Ledger))).ToList();
            if (sharded.Count == 0) throw new ArgumentException($"no shard files to merge in {inputs.Ledger} for the cells selected.");
            OutputPath.CheckFolder(inputs.Ledger);
            CellStatus.RequireShipped(sharded, inputs.Models);
            using var locks = LockModelFolders(sharded, inputs.Ledger);
            // Every cell is checked before any is written: a refusal leaves the whole ledger as it was.
            var merges = sharded.Select(c => (Cell: c, Merge: CellBuilder.PrepareMerge(c, inputs.ImagesOf(c), inputs.Models, inputs.Ledger))).ToList();
            foreach (var (cell, merge) in merges)
            {
                merge.Commit();
                LedgerDigests.Record(cell.Ledger, inputs.Ledger);
                Console.WriteLine($"{cell}: {merge.Merged.Outcomes.Count} outcomes from {merge.ShardPaths.Count} shards of {merge.Merged.Header.Machine}");
            }
        });

    /// <summary>Holds the folder of every model whose cells are selected (LEDGER/SCALE/MODEL/.kwta.lock) until disposed:
    /// a second build or merge of the same model's cells fails at once instead of computing them again in full, while
    /// builds of other models into the same ledger go on side by side.</summary>
    static CompositeLock LockModelFolders(IEnumerable<PlannedCell> cells, string ledger) =>
        new([.. cells.Select(c => Path.GetDirectoryName(c.Ledger.PathIn(ledger))!).Distinct().Order(StringComparer.Ordinal).Select(RunFolderLock.Acquire)]);

    sealed class CompositeLock(IReadOnlyList<RunFolderLock> locks) : IDisposable
    {
        public void Dispose()
        {
            foreach (var held in locks) held.Dispose();
        }
    }

    static Command Verify()
    {
        var forward = CommonOptions.Forward(null, "recompute on this form instead of the one each cell names, and compare as across CPUs " +
                                                  "(measures what the form changes; docs/testing.md).");
        return OnCells("verify", "Recompute each cell's verification sample and compare it with the ledger, image by image.", (parse, inputs) =>
        {
            var form = parse.ForwardPath(forward);
            CellStatus.RequireShipped(inputs.Cells, inputs.Models);
            PinnedNumerics.Apply(); // before libtorch's first operation
            var disagreeing = new List<string>();
            foreach (var cell in inputs.Cells)
            {
                var agreement = CellVerifier.Verify(cell, inputs.ImagesOf(cell), inputs.Models, inputs.Ledger, forward: form);
                Console.WriteLine((agreement.Agrees ? "agrees: " : "DISAGREES: ") + agreement);
                if (!agreement.Agrees) disagreeing.Add(cell.ToString());
            }
            if (disagreeing.Count > 0) throw new InvalidDataException($"{disagreeing.Count} of {inputs.Cells.Count} cells disagree with the ledger: {string.Join(", ", disagreeing)}.");
        }, forward);
    }

    static Command Status() =>
        OnCells("status", "One line per selected cell: missing, partly built, stale (and why) or fresh.", (_, inputs) =>
        {
            foreach (var cell in inputs.Cells) Console.WriteLine(CellStatus.Of(cell, inputs.ImagesOf(cell), inputs.Models, inputs.Ledger));
        });

    static Command Cost()
    {
        var forward = CommonOptions.Forward(ForwardPaths.Name(ForwardPaths.Default), "the form of the model whose logged runs to estimate from.");
        return OnCells("cost", $"Estimate what rebuilding the selected cells costs, from the runs in the ledger's {BuildLog.FileName}.", (parse, inputs) =>
        {
            var form = parse.ForwardPath(forward)!.Value;
            var estimates = CellCost.Estimate([.. inputs.Cells.Select(c => (c.Ledger.ToString(), c.Table.ImageIndices.Count))],
                                              BuildLog.Read(inputs.Ledger), form);
            foreach (var (cell, cost) in estimates)
                Console.WriteLine(cost is null
                    ? $"{cell}: no run logged on the {ForwardPaths.Name(form)} form"
                    : FormattableString.Invariant($"{cell}: {cost.Images} images × {cost.CpuSecondsPerImage:F2} CPU s (from {cost.ImagesLogged} logged) = {cost.CpuHours:F3} CPU h, {cost.WallHours:F3} h wall"));
            var known = estimates.Where(e => e.Cost is not null).Select(e => e.Cost!).ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"total: {known.Sum(c => c.CpuHours):F2} CPU h ({known.Sum(c => c.WallHours):F2} h wall) for {known.Count} of {estimates.Count} cells; ") +
                (known.Count == estimates.Count ? "every cell logged." : $"{estimates.Count - known.Count} not logged, not counted."));
        }, forward);
    }

    /// <summary>Each needed data set once: the fixtures, or at full scale the official test sets in --data.</summary>
    static Dictionary<DatasetKind, LabeledImages> Images(ParseResult parse, IReadOnlyList<PlannedCell> cells, Option<DirectoryInfo?> fixtures,
                                                         Option<DirectoryInfo> data)
    {
        bool full = cells[0].Scale == LedgerScale.Full;
        if (full && parse.GetValue(data) is null) throw new ArgumentException("--scale full runs on the official test sets: pass --data DIR.");
        // The fixture scale is the fixtures, whatever --data says.
        var source = full ? parse.ImageSource(data, fixtures) : DataSource.FromFixtures(parse.FolderOrDefault(fixtures, () => RepositoryLayout.Fixtures));
        return cells.Select(c => c.Table.Family.Dataset).Distinct().ToDictionary(kind => kind, kind => source.LoadImages(kind, fixtures));
    }
}
