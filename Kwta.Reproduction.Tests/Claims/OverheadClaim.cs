using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Claims;

namespace Kwta.Reproduction.Tests.Claims;

/// <summary>
/// C5: "k-WTA trains ~2× and predicts ~4× slower than ReLU" (reproduction Table 3). Measured, not
/// asserted against a time: one benchmark run times ReLU and both k-WTA kernels on the same
/// resnet18-w16 and batch; the test checks the measurement exists and that the paper's topk
/// implementation (our Reference kernel, what the seed ran) costs more than ReLU. The fast kernel's
/// ratios are printed for the report (README, Fast k-WTA).
/// </summary>
public class OverheadClaim
{
    [Test]
    public void C5_kWTA_costs_more_time_than_ReLU_in_training_and_inference()
    {
        var settings = new BenchmarkSettings { Batch = 32, Warmup = 1, Repeats = 3, Threads = 2 };
        var rows = KwtaBenchmark.Run(settings);
        var reference = BenchmarkVariant.All(settings.Sparsity).Single(v => v.Kernel == KwtaKernel.Reference && !v.IsBaseline);
        var fast = BenchmarkVariant.All(settings.Sparsity).Single(v => v.Kernel == KwtaKernel.Fast && !v.IsBaseline);
        foreach (var workload in new[] { "train step", "inference" })
        {
            var row = rows.Single(r => r.Workload.StartsWith(workload, StringComparison.Ordinal));
            TestContext.Out.WriteLine($"{ClaimsCatalogue.Overhead.Id} {row.Workload}, batch {settings.Batch}: Reference (topk) {row.RatioToBaseline(reference):F2}×, " +
                                      $"Fast {row.RatioToBaseline(fast):F2}× ReLU's median {row.Baseline.Median:F1} ms (seed: 1.93× training, 4.2× test)");
            row.Timings.Should().OnlyContain(t => t.Timing.Median > 0);
            row.RatioToBaseline(reference).Should().BeGreaterThan(1.0, ClaimsCatalogue.Overhead.Criterion);
        }
    }
}
