namespace Kwta.Model.Benchmarks;

/// <summary>A piece of work the benchmark times: <see cref="Prepare"/> sets it up for a variant (untimed),
/// <see cref="Run"/> does it <see cref="Calls"/> times (timed; reported per call).</summary>
public sealed record Workload(string Name, string Input, Action<BenchmarkVariant> Prepare, Action Run, int Calls = 1);
