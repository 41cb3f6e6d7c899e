namespace Kwta.Model.Benchmarks;

/// <summary>The timed repetitions of one workload under one variant, in milliseconds.</summary>
public sealed record Timing(IReadOnlyList<double> Milliseconds)
{
    public double Median
    {
        get
        {
            var sorted = Milliseconds.Order().ToArray();
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => Milliseconds.Min();
    public double Max => Milliseconds.Max();
}
