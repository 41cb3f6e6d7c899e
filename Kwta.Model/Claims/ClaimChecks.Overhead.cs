using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Families;
using Kwta.Model.Published;

namespace Kwta.Model.Claims;

/// <summary>C5's rule on the overhead benchmark.</summary>
public static partial class ClaimChecks
{
    /// <summary>
    /// C5: the train step and inference of the paper's topk k-WTA (our Reference kernel, what the reproduction
    /// ran) take longer than ReLU's in one benchmark run; the Fast kernel's ratios are reported beside them. A timing
    /// has no images to flip.
    /// </summary>
    public static ClaimCheck Overhead(BenchmarkReport benchmark)
    {
        var variants = BenchmarkVariant.All(benchmark.Settings.Sparsity);
        // Stryker disable Linq : the variants and the rows are fixed lists with exactly one of each.
        var reference = variants.Single(v => v.Kernel == KwtaKernel.Reference && !v.IsBaseline);
        var fast = variants.Single(v => v.Kernel == KwtaKernel.Fast && !v.IsBaseline);
        var rows = new[] { KwtaBenchmark.TrainStep, KwtaBenchmark.Inference }.Select(w => benchmark.Rows.Single(r => r.Workload == w)).ToList();
        // Stryker restore Linq
        bool holds = rows.All(r => r.Timings.All(t => t.Timing.Median > 0) && r.RatioToBaseline(reference) > 1.0);
        var each = string.Join("; ", rows.Select(r => FormattableString.Invariant(
            $"{r.Workload}: Reference (topk) {r.RatioToBaseline(reference):F2}×, Fast {r.RatioToBaseline(fast):F2}× ReLU's {r.Baseline.Median:F1} ms")));
        return Alone(Tolerance(ClaimsCatalogue.Overhead, ClaimSubject.Benchmark(ModelFamily.Get(KwtaBenchmark.Architecture), benchmark.Settings.Batch), holds,
            FormattableString.Invariant($"{each} (reproduction: {Anchors.Value("seed.resnet18.train-time-ratio")}× training, {Anchors.Value("seed.resnet18.test-time-ratio")}× test)."),
            flipDistance: null));
    }
}
