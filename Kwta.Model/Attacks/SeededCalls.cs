using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// One torch generator per call, derived from a seed and the call's ordinal: an attack built with the
/// same seed and called on the same batches gives identical results, independent of the global RNG.
/// </summary>
public sealed class SeededCalls(long seed)
{
    long calls;

    public long Seed { get; } = seed;

    public Generator Next()
    {
        // Distinct odd multipliers keep (seed, call) pairs from colliding for any realistic counts.
        ulong mixed = unchecked((ulong)Seed * 0x9E3779B97F4A7C15UL + (ulong)calls++ * 0xBF58476D1CE4E5B9UL);
        return new Generator(mixed, CPU);
    }
}
