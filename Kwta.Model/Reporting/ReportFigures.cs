using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Claims;
using Kwta.Model.Reproduction;

namespace Kwta.Model.Reporting;

/// <summary>What the report's figures are drawn from: per family the ε sweep and the loss surfaces
/// (ReLU and k-WTA 0.1 on one image), and one benchmark run for the overhead figure and table; the
/// per-attack bars come from the results themselves.</summary>
public sealed class ReportFigures
{
    public Dictionary<string, IReadOnlyDictionary<ActivationSpec, double[]>> Sweeps { get; } = [];
    public Dictionary<string, IReadOnlyDictionary<ActivationSpec, double[,]>> Landscapes { get; } = [];
    public BenchmarkReport? Overhead { get; set; }

    /// <summary>The ε sweep of <paramref name="family"/> on as many images as DeepFool runs on, and the loss surfaces of
    /// its ReLU and k-WTA 0.1 models around the first image.</summary>
    public void Measure(ReproductionRun run, ModelFamily family, Action<string>? log = null)
    {
        var images = run.Images(family);
        var settings = run.Settings;
        Sweeps[family.Name] = EpsilonSweep.Run(family, images.Take(settings.DeepFoolImages), run.ModelsDirectory, settings.BatchSize, settings.Seed, log);
        Landscapes[family.Name] = new[] { ActivationSpec.Relu, ModelFamily.KwtaGamma01 }.ToDictionary(
            a => a, a => LossLandscape.Surface(family, a, images, 0, run.ModelsDirectory, family.Epsilon, settings.Seed));
    }

    /// <summary>One overhead benchmark, k-WTA vs ReLU on ResNet18, small enough to sit in a report run.</summary>
    public void MeasureOverhead(Action<string>? log = null)
    {
        var settings = new BenchmarkSettings { Batch = 32, Repeats = 3 };
        log?.Invoke($"benchmark: k-WTA vs ReLU on {KwtaBenchmark.Architecture}, batch {settings.Batch} …");
        Overhead = new BenchmarkReport(settings, KwtaBenchmark.Run(settings), BenchmarkReport.DescribeEnvironment());
    }

    /// <summary>Draws every figure into <paramref name="directory"/>; returns the Markdown that shows them.</summary>
    public string Draw(string directory, IReadOnlyList<FamilyResults> families)
    {
        var text = new System.Text.StringBuilder("## Figures\n\n");
        foreach (var results in families)
        {
            var file = $"accuracy-{results.Family.Name}.png";
            ReportPlots.AccuracyBars(results, Path.Combine(directory, file));
            text.Append($"![{results.Family.Title}: clean and robust accuracy]({file})\n\n");
        }
        foreach (var (name, curves) in Sweeps)
        {
            var family = ModelFamily.Get(name);
            var file = $"robust-vs-eps-{name}.png";
            ReportPlots.RobustVersusEpsilon(family, curves, Path.Combine(directory, file));
            text.Append($"![{family.Title}: robust accuracy vs ε]({file})\n\n");
        }
        foreach (var (name, surfaces) in Landscapes)
        {
            var family = ModelFamily.Get(name);
            foreach (var (activation, surface) in surfaces)
            {
                var file = $"loss-surface-{family.ModelName(activation)}.png";
                ReportPlots.Landscape($"{family.ModelName(activation)}: loss around one test image", surface, family.Epsilon,
                                      Path.Combine(directory, file));
                text.Append($"![loss surface {family.ModelName(activation)}]({file}) ");
            }
            text.Append("\n\n");
        }
        if (Overhead is not null)
        {
            ReportPlots.Overhead(Overhead.Rows, Path.Combine(directory, "overhead.png"));
            text.Append("![k-WTA overhead](overhead.png)\n\n").Append(Overhead.ToMarkdown()).Append('\n');
        }
        return text.ToString();
    }
}
