namespace Kwta.Model.Benchmarks;

/// <summary>What <see cref="KwtaBenchmark"/> measures: batch size, k-WTA sparsity γ, libtorch threads,
/// untimed warm-up rounds and timed repetitions (each repetition runs every variant once, interleaved).</summary>
public sealed record BenchmarkSettings
{
    public int Batch { get; init; } = 128;
    public double Sparsity { get; init; } = 0.2;
    public int Threads { get; init; } = 2;
    public int Warmup { get; init; } = 1;
    public int Repeats { get; init; } = 5;
    public long Seed { get; init; }

    /// <exception cref="ArgumentException">A setting is out of range (the message names it and its value).</exception>
    public void Validate()
    {
        if (Batch < 1) throw new ArgumentException($"The benchmark batch must hold at least 1 image; got {Batch}.", nameof(Batch));
        if (Threads < 1) throw new ArgumentException($"The benchmark needs at least 1 thread; got {Threads}.", nameof(Threads));
        if (Warmup < 0) throw new ArgumentException($"Warm-up rounds cannot be negative; got {Warmup}.", nameof(Warmup));
        if (Repeats < 1) throw new ArgumentException($"The benchmark needs at least 1 timed repetition; got {Repeats}.", nameof(Repeats));
        Activations.KWinnersTakeAll.ValidateSparsity(Sparsity);
    }
}
