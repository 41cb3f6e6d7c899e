namespace Kwta.Model.Training;

/// <summary>
/// The seed of one epoch's shuffling, augmentation and torch generator, derived from the run's seed.
/// A fixed integer mix (SplitMix64's finaliser), not <see cref="HashCode"/>, which .NET randomises per
/// process: the same run must give the same weights in any process, resumed or not.
/// </summary>
public static class EpochSeed
{
    public static int Of(int runSeed, int epoch)
    {
        ulong z = ((ulong)(uint)runSeed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
