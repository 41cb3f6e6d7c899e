using System.CommandLine;
using System.Diagnostics;
using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Model.Persistence;
using Kwta.Model.Reporting;
using Kwta.Model.Reproduction;
using Kwta.Model.Runtime;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta reproduce</c>: the README's main command. Runs the claims' experiments on every
/// family whose three models are shipped and writes report/REPORT.md and report/results.json.</summary>
static class ReproduceCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Models();
        var fixtures = CommonOptions.Fixtures();
        var full = new Option<bool>("--full") { Description = "Full-size run on the official test set (needs --data): PGD on 5000 images, Tramèr's finite-difference schedule. Hours on CPU." };
        var data = CommonOptions.Data(required: false);
        var output = new Option<DirectoryInfo?>("--output") { Description = "Report folder: absent, empty or an earlier report, which it replaces (default: the repository's report/)." };
        var family = new Option<string[]>("--family") { Description = "Only these families (default: every shipped one).", AllowMultipleArgumentsPerToken = true };
        var noFigures = new Option<bool>("--no-figures") { Description = "Skip the ε sweep, loss surfaces and overhead benchmark (faster)." };
        var command = new Command("reproduce", "Run the reproduction on the shipped models and write report/REPORT.md.") { models, fixtures, full, data, output, family, noFigures };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PinnedNumerics.Apply(); // before libtorch's first operation
            var watch = Stopwatch.StartNew();
            var modelsDirectory = parse.ModelsFolder(models);
            bool isFull = parse.GetValue(full);
            var dataDirectory = parse.GetValue(data)?.FullName;
            if (isFull && dataDirectory is null) throw new ArgumentException("--full runs on the official test set: pass --data DIR.");
            var settings = isFull ? ReproductionSettings.Full : ReproductionSettings.Default;
            var directory = parse.FolderOrDefault(output, () => Path.Combine(RepositoryLayout.Root, "report"));
            ReproductionReport.EnsureReplaceable(directory); // before hours of work, not after
            OutputPath.CheckFolder(directory);
            var manifest = ModelManifest.Load(modelsDirectory);
            var wanted = parse.GetValue(family) is { Length: > 0 } chosen ? chosen.Select(ModelFamily.Get).ToList() : [.. ModelFamily.All];
            var shipped = wanted.Where(f => ModelFamily.Activations.All(a => manifest.Models.Any(m => m.Name == f.ModelName(a)))).ToList();
            var missing = wanted.Except(shipped).Select(f => f.Name).ToList();
            // An empty report would replace a good one and publish a green "0/0 claims holding" badge.
            if (shipped.Count == 0)
                throw new ArgumentException($"nothing to run: no family ({string.Join(", ", missing)}) has its three models in {Path.Combine(modelsDirectory, ModelManifest.FileName)}.");
            foreach (var name in missing) Console.WriteLine($"skipping {name}: its three models are not all in {Path.Combine(modelsDirectory, ModelManifest.FileName)}");

            var results = new List<FamilyResults>();
            var figures = new ReportFigures();
            foreach (var f in shipped)
            {
                var images = dataDirectory is null
                    ? parse.LoadFixtures(fixtures, f.Dataset)
                    : OfficialTestSet.Read(f.Dataset, dataDirectory);
                Console.WriteLine($"{f.Title}: {images.Count} images from {images.Source}");
                results.Add(ReproductionRunner.Run(f, images, modelsDirectory, settings, Console.WriteLine));
                Console.Write(ResultTables.Markdown(results[^1]));
                if (parse.GetValue(noFigures)) continue;
                figures.Sweeps[f.Name] = EpsilonSweep.Run(f, images.Take(settings.DeepFoolImages), modelsDirectory, settings.BatchSize, settings.Seed, Console.WriteLine);
                figures.Landscapes[f.Name] = new[] { ActivationSpec.Relu, ModelFamily.KwtaGamma01 }.ToDictionary(
                    a => a, a => LossLandscape.Surface(f, a, images, 0, modelsDirectory, f.Epsilon, settings.Seed));
            }
            if (!parse.GetValue(noFigures))
            {
                Console.WriteLine("benchmark: k-WTA vs ReLU on resnet18-w16, batch 32 …");
                var benchSettings = new BenchmarkSettings { Batch = 32, Repeats = 3 };
                figures.Overhead = new BenchmarkReport(benchSettings, KwtaBenchmark.Run(benchSettings), BenchmarkReport.DescribeEnvironment());
            }
            var reluInitialisation = shipped.Contains(ModelFamily.Mnist) ? ReluInitialisationTraining(parse.LoadFixtures(fixtures, DatasetKind.Mnist), modelsDirectory) : null;
            ReproductionReport.Write(directory, results, missing, settings, watch.Elapsed, RecordedVerdicts.Load(RepositoryLayout.Expected),
                                     reluInitialisation, figures);
            Console.WriteLine($"wrote {Path.Combine(directory, ReproductionReport.ReportFile)} and {ReproductionReport.ResultsFile} in {watch.Elapsed:hh\\:mm\\:ss}");
        }));
        return command;
    }

    /// <summary>C6's training half, on the MNIST fixture, in a temporary folder that is removed afterwards.</summary>
    static ClaimCheck ReluInitialisationTraining(LabeledImages mnist, string modelsDirectory)
    {
        Console.WriteLine("C6: one fine-tune epoch on MNIST from ReLU weights and from random init …");
        var scratch = Directory.CreateTempSubdirectory("kwta-c6-").FullName;
        try
        {
            return ClaimChecks.ReluInitialisationTraining(mnist, modelsDirectory, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
