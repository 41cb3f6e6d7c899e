using Kwta.Model.Evaluation;

namespace Kwta.Model.Benchmarks;

/// <summary>The timed repetitions of one workload under one variant, in milliseconds.</summary>
public sealed record Timing(IReadOnlyList<double> Milliseconds)
{
    public double Median => Statistics.Median(Milliseconds);

    public double Min => Milliseconds.Min();
    public double Max => Milliseconds.Max();
}
