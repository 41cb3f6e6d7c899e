using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// One torch generator per image, seeded from the attack's seed and the image's index in the evaluated set, and
/// every draw of an image taken from its own generator one image-shaped tensor at a time: an image's random
/// start and samples are the same whatever batch it is in, at any batch size and in any shard, and independent
/// of the global RNG.
/// </summary>
public sealed class PerImageGenerators : IDisposable
{
    readonly Generator[] generators;
    readonly bool ownsGenerators;

    public PerImageGenerators(long seed, IReadOnlyList<long> images)
        : this([.. images.Select(image => new Generator(Mix(seed, image), CPU))], ownsGenerators: true) { }

    PerImageGenerators(Generator[] generators, bool ownsGenerators) =>
        (this.generators, this.ownsGenerators) = (generators, ownsGenerators);

    /// <summary>Indices first, first + 1, …: a batch that is the evaluated set, or its slice starting at <paramref name="first"/>.</summary>
    public static long[] Range(long first, long count) => [.. Enumerable.Range(0, (int)count).Select(i => first + i)];

    /// <summary>Distinct odd multipliers keep (seed, image) pairs apart in the low 32 bits, all the CPU generator keeps.</summary>
    static ulong Mix(long seed, long image) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)image * 0xBF58476D1CE4E5B9UL);

    /// <summary>The generators of the images at <paramref name="positions"/> of this batch (shared, not copied).</summary>
    public PerImageGenerators Select(IEnumerable<long> positions) => new([.. positions.Select(p => generators[p])], ownsGenerators: false);

    /// <summary>Uniform [0, 1) noise shaped like the batch <paramref name="like"/>, row i from image i's generator.</summary>
    public Tensor Uniform(Tensor like) => Draw(1, like, (shape, generator) => rand(shape, dtype: like.dtype, generator: generator)).squeeze(0);

    /// <summary>Standard normal noise (samples, B, …): for each sample in turn, one image-shaped draw per image.</summary>
    public Tensor Normal(int samples, Tensor like) => Draw(samples, like, (shape, generator) => randn(shape, dtype: like.dtype, generator: generator));

    Tensor Draw(int samples, Tensor like, Func<long[], Generator, Tensor> draw)
    {
        if (like.shape[0] != generators.Length)
            throw new ArgumentException($"{generators.Length} image generators for a batch of {like.shape[0]}.", nameof(like));
        using var scope = NewDisposeScope();
        long[] shape = like.shape[1..];
        var draws = new List<Tensor>(samples * generators.Length);
        for (int sample = 0; sample < samples; sample++)
            foreach (var generator in generators) draws.Add(draw(shape, generator));
        return stack(draws).view([samples, .. like.shape]).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        if (!ownsGenerators) return;
        foreach (var generator in generators) generator.Dispose();
    }
}
