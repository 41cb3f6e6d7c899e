using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Families;

namespace Kwta.Model.Reproduction;

/// <summary>What the report's figures are drawn from, measured by the run: per family the ε sweep and the loss surfaces
/// (ReLU and k-WTA 0.1 on one image), and one benchmark run for the overhead figure, table and C5; the per-attack bars
/// come from the results themselves.</summary>
public sealed class FigureData
{
    public Dictionary<string, IReadOnlyDictionary<ActivationSpec, double[]>> Sweeps { get; } = [];
    public Dictionary<string, IReadOnlyDictionary<ActivationSpec, double[,]>> Landscapes { get; } = [];
    public BenchmarkReport? Overhead { get; private set; }

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
}
