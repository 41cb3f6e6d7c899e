using Kwta.Model.Attacks;
using Kwta.Model.Benchmarks;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Persistence;
using Kwta.Model.Runtime;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary><c>kwta bench</c>'s library produces every row for every variant, and its report files.
/// Timings are only checked for being measured (positive), never against a bound: speed is a benchmark, not a test.</summary>
public class BenchmarkTests
{
    static readonly BenchmarkSettings Tiny = new() { Batch = 4, Repeats = 1, Warmup = 0, Threads = PinnedNumerics.Threads };

    static readonly string[] ExpectedWorkloads =
    [
        "activation op, stage 1", "activation op, stage 2", "activation op, stage 3", "activation op, stage 4",
        "activation op, all 16 slots", "train step (forward + backward + SGD)", "inference (eval, no_grad)",
        "PGD step (forward + input gradient)",
    ];

    [Test]
    public void A_tiny_run_times_every_workload_under_relu_and_every_kwta_kernel_and_writes_markdown_and_csv()
    {
        var reported = new List<string>();
        var rows = KwtaBenchmark.Run(Tiny, row => reported.Add(row.Workload));

        rows.Select(r => r.Workload).Should().Equal(ExpectedWorkloads);
        reported.Should().Equal(ExpectedWorkloads, "progress is reported row by row");
        rows.Select(r => r.Input).Take(4).Should().Equal("4×16×32×32", "4×32×16×16", "4×64×8×8", "4×128×4×4");
        foreach (var row in rows)
        {
            row.Timings.Select(t => t.Variant.Name).Should().Equal("ReLU", "k-WTA Reference", "k-WTA Fast");
            foreach (var (variant, timing) in row.Timings)
            {
                timing.Milliseconds.Should().HaveCount(Tiny.Repeats);
                timing.Milliseconds.Should().OnlyContain(ms => ms > 0, $"{row.Workload} under {variant.Name} must be timed");
                row.RatioToBaseline(variant).Should().BePositive();
            }
        }

        var report = new BenchmarkReport(Tiny, rows, BenchmarkReport.DescribeEnvironment());
        var directory = TestData.ScratchDirectory("bench");
        var files = report.Write(directory);
        files.Select(Path.GetFileName).Should().Equal(BenchmarkReport.MarkdownFile, BenchmarkReport.CsvFile);
        var markdown = File.ReadAllText(files[0]);
        markdown.Should().Contain("| workload | input | ReLU | k-WTA Reference | Reference / ReLU | k-WTA Fast | Fast / ReLU |");
        foreach (var workload in ExpectedWorkloads) markdown.Should().Contain($"| {workload} |");
        File.ReadAllLines(files[1]).Should().HaveCount(1 + ExpectedWorkloads.Length * 3, "a header and one line per workload and variant");
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public void A_tiny_attack_run_times_PGD_APGD_and_Square_on_the_shipped_relu_model_and_under_every_kwta_kernel()
    {
        var settings = Tiny with { Batch = 2 };
        var loaded = new List<string>();
        var rows = AttackBenchmark.Run(settings, TestData.Cifar10, activation =>
        {
            loaded.Add(activation.ToString());
            return ModelFile.LoadShipped(ModelFamily.ResNet18.ModelName(activation), RepositoryLayout.Models);
        });

        loaded.Should().Equal("relu", "kwta-0.2");
        rows.Select(r => r.Workload).Should().Equal(AttackBenchmark.PgdWorkload, AttackBenchmark.ApgdWorkload, AttackBenchmark.SquareWorkload);
        rows[0].Input.Should().Be($"{PgdPresets.Create(AttackBenchmark.PgdPreset)} on 2 images");
        rows[1].Input.Should().Be($"{AutoAttackPresets.Apgd(AttackBenchmark.ApgdPreset, ApgdLoss.CrossEntropy, ThreatModel.Cifar10Epsilon, settings.Seed)} " +
                                  "on 2 images, every one attacked");
        rows[2].Input.Should().StartWith($"Square-L∞ ε={ThreatModel.Cifar10Epsilon} queries={AttackBenchmark.SquareQueries} ")
            .And.EndWith("early stop=no on 2 images, every one attacked");
        foreach (var row in rows)
        {
            row.Timings.Select(t => t.Variant.Name).Should().Equal("ReLU", "k-WTA Reference", "k-WTA Fast");
            row.Timings.Should().OnlyContain(t => t.Timing.Milliseconds.Count == 1 && t.Timing.Median > 0, $"{row.Workload} must be timed");
        }
        var markdown = new BenchmarkReport(settings, rows, "env", BenchmarkReport.AttackTitle).ToMarkdown();
        markdown.Should().StartWith($"# {BenchmarkReport.AttackTitle} ({KwtaBenchmark.Architecture})");
        foreach (var row in rows) markdown.Should().Contain($"| {row.Workload} |");
    }

    [Test]
    public void Timing_reports_the_median_and_the_range()
    {
        var timing = new Timing([5.0, 1.0, 3.0, 10.0]);
        timing.Median.Should().Be(4.0);
        timing.Min.Should().Be(1.0);
        timing.Max.Should().Be(10.0);
        new Timing([2.0, 9.0, 4.0]).Median.Should().Be(4.0);
    }

    [Test]
    public void The_bench_command_rejects_an_empty_batch_with_a_one_line_message()
    {
        var (exitCode, output) = CliProcess.Run("bench", "--batch", "0", "--output", TestData.ScratchDirectory("bench-cli"));
        exitCode.Should().Be(1);
        output.Should().StartWith("kwta: --batch: The benchmark batch must hold at least 1 image; got 0.");
        output.TrimEnd().Should().NotContain("\n");
    }
}
