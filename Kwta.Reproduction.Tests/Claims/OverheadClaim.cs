using Kwta.Model.Benchmarks;
using Kwta.Model.Claims;

namespace Kwta.Reproduction.Tests.Claims;

/// <summary>
/// C5: "k-WTA trains ~2× and predicts ~4× slower than ReLU" (reproduction Table 3). Measured, not
/// asserted against a time: one benchmark run times ReLU and both k-WTA kernels on the same
/// resnet18-w16 and batch; the check (<see cref="ClaimChecks.Overhead"/>) requires the measurement to
/// exist and the paper's topk implementation (our Reference kernel, what the seed ran) to cost more
/// than ReLU. The fast kernel's ratios are printed for the report (README, Fast k-WTA).
/// </summary>
public class OverheadClaim
{
    [Test]
    public void C5_kWTA_costs_more_time_than_ReLU_in_training_and_inference()
    {
        var settings = new BenchmarkSettings { Batch = 32, Warmup = 1, Repeats = 3, Threads = 2 };
        var benchmark = new BenchmarkReport(settings, KwtaBenchmark.Run(settings), BenchmarkReport.DescribeEnvironment());
        RobustnessClaims.Assert(ClaimChecks.Overhead(benchmark));
    }
}
