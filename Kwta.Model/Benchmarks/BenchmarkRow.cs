namespace Kwta.Model.Benchmarks;

/// <summary>One workload's timings under every variant, and each variant's median relative to ReLU's.</summary>
public sealed record BenchmarkRow(string Workload, string Input, IReadOnlyList<(BenchmarkVariant Variant, Timing Timing)> Timings)
{
    public Timing Baseline => Timings.Single(t => t.Variant.IsBaseline).Timing;

    /// <summary>Median of <paramref name="variant"/> over median of ReLU, both from the same run.</summary>
    public double RatioToBaseline(BenchmarkVariant variant) =>
        Timings.Single(t => t.Variant == variant).Timing.Median / Baseline.Median;
}
