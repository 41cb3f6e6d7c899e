using System.CommandLine;
using Kwta.Model.Benchmarks;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Runtime;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta bench</c>: times ReLU against every k-WTA kernel on resnet18-w16 in one run and writes
/// the table as Markdown and CSV.</summary>
static class BenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchmarkSettings();
        var batch = new Option<int>("--batch") { Description = "Images per batch.", DefaultValueFactory = _ => defaults.Batch };
        var repeats = new Option<int>("--repeats")
        {
            Description = "Timed repetitions per workload (after one warm-up); each runs every variant once.",
            DefaultValueFactory = _ => defaults.Repeats,
        };
        var threads = CommonOptions.Threads(Math.Min(defaults.Threads, Environment.ProcessorCount));
        var gamma = new Option<double>("--gamma") { Description = "k-WTA sparsity γ.", DefaultValueFactory = _ => defaults.Sparsity };
        var output = new Option<DirectoryInfo?>("--output")
        {
            Description = "Folder for kwta-bench.md and kwta-bench.csv (default: report/bench, with --attacks report/bench-attacks).",
        };
        var attacks = new Option<bool>("--attacks")
        {
            Description = $"Time attacks instead, on one batch of fixture images: `kwta attack` with PGD ({AttackBenchmark.PgdPreset} preset) " +
                          $"per image, APGD-CE ({AttackBenchmark.ApgdPreset} preset) per image and Square ({AttackBenchmark.SquareQueries} queries, " +
                          $"no early stop) per image and query on every image, on the shipped {KwtaBenchmark.Architecture} ReLU and k-WTA models, " +
                          "with pinned numerics and no warm-up (bench/peer/compare.sh sets PyTorch beside it).",
        };
        var models = CommonOptions.Models();
        var fixtures = CommonOptions.Fixtures();
        var forward = CommonOptions.Forward(ForwardPaths.Name(ForwardPaths.Default), "with --attacks, the form of the models attacked.");
        var command = new Command("bench", $"Time ReLU vs each k-WTA kernel on {KwtaBenchmark.Architecture}: activation op, train step, inference, PGD step; or attacks.")
        {
            batch, repeats, threads, gamma, output, attacks, models, fixtures, forward,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            bool timeAttacks = parse.GetValue(attacks);
            if (timeAttacks) PinnedNumerics.Apply(); // before libtorch's first operation, as `kwta attack` does
            var settings = defaults with
            {
                Batch = parse.GetValue(batch),
                Repeats = parse.GetValue(repeats),
                Threads = CommonOptions.CheckThreads(parse.GetValue(threads)),
                Sparsity = parse.GetValue(gamma),
                // The first of PGD's 40 steps warms the kernels up; a whole warm-up round would cost a round.
                Warmup = timeAttacks ? 0 : defaults.Warmup,
            };
            OptionErrors.Naming(new Dictionary<string, Option>
            {
                [nameof(BenchmarkSettings.Batch)] = batch, [nameof(BenchmarkSettings.Repeats)] = repeats,
                [nameof(BenchmarkSettings.Threads)] = threads, ["γ"] = gamma,
            }, settings.Validate);
            // The two benchmarks write files of the same names, so each has its own default folder.
            var folder = OutputPath.CheckFolder(parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("report", timeAttacks ? "bench-attacks" : "bench")));
            Console.WriteLine($"kwta bench{(timeAttacks ? " --attacks" : "")}: {KwtaBenchmark.Architecture}, batch {settings.Batch}, γ = {settings.Sparsity}, " +
                              $"{settings.Threads} threads, {settings.Warmup} warm-up + {settings.Repeats} repetitions");
            var form = parse.ForwardPath(forward)!.Value;
            if (timeAttacks) Console.WriteLine($"numerics: {PinnedNumerics.Describe()}");
            if (timeAttacks) Console.WriteLine($"forward: {ForwardPaths.Name(form)}");
            void Print(BenchmarkRow row) => Console.WriteLine(
                $"  {row.Workload}: ReLU {row.Baseline.Median:F3} ms" +
                string.Concat(row.Timings.Where(t => !t.Variant.IsBaseline)
                                 .Select(t => $", {t.Variant.Name} {t.Timing.Median:F3} ms ({row.RatioToBaseline(t.Variant):F2}×)")));
            var rows = timeAttacks
                ? AttackBenchmark.Run(settings, DataSource.FromFixtures(parse.FolderOrDefault(fixtures, () => RepositoryLayout.Fixtures))
                                                          .LoadImages(ModelFamily.ResNet18.Dataset, fixtures),
                                      activation => ForwardPaths.Prepare(ModelFile.LoadShipped(ModelFamily.ResNet18.ModelName(activation), parse.ModelsFolder(models)), form),
                                      Print)
                : KwtaBenchmark.Run(settings, Print);
            var report = new BenchmarkReport(settings, rows, BenchmarkReport.DescribeEnvironment(),
                                             timeAttacks ? BenchmarkReport.AttackTitle : BenchmarkReport.KernelTitle);
            Console.WriteLine();
            Console.Write(report.ToMarkdown());
            Console.WriteLine();
            foreach (var file in report.Write(folder))
                Console.WriteLine($"wrote {file}");
        }));
        return command;
    }
}
