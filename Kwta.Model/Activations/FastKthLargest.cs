using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kwta.Model.Activations;

/// <summary>
/// The exact k-th largest value of a row of floats, read in place, without sorting the row
/// (libtorch's topk sorts k values per row and dominated the naive port's run time).
/// <para>
/// Narrowing selection: six pivots split the row into seven intervals. One vectorised pass counts the
/// values ≥ each pivot; the counts name the interval holding the k-th largest and its rank inside it.
/// A second pass packs that interval into a scratch buffer, and the next round repeats on the buffer
/// with pivots spread evenly between its minimum and maximum, until a handful of values remain and are
/// sorted. Round one's pivots come from a small sorted sample of the row, placed around the sample rank
/// where the k-th largest should fall, so the interval it packs is about a tenth of the row.
/// </para>
/// Every step decides on exact counts, so the result is exact whatever the pivots are: the sample
/// only decides the speed. Ties need no special case: pivots are compared with ≥, and a buffer whose
/// minimum equals its maximum is the answer. The first counting pass also checks that the row is finite.
/// <para>The loops are compiled fully optimised on first call (AggressiveOptimization): tiered JIT would
/// run them unoptimised, many times slower, for the first calls of every process.</para>
/// </summary>
internal static class FastKthLargest
{
    const int Pivots = 6;
    const int SampleSize = 32;
    /// <summary>Rows and buffers this small are sorted outright.</summary>
    const int SortAtMost = 16;
    /// <summary>A cap on rounds for pathological value spreads (e.g. powers of two); the rest is then sorted.</summary>
    const int MaxRounds = 16;
    /// <summary>Packing stores whole vectors, so a buffer needs this much room past its last value.</summary>
    static readonly int Slack = Vector256<float>.Count;

    /// <summary>Lane permutations that move the lanes set in an 8-bit mask to the front, in order.</summary>
    static readonly Vector256<int>[] PackOrder = BuildPackOrder();

    /// <summary>Floats of scratch <see cref="KthLargest"/> needs for a row of <paramref name="units"/>.</summary>
    public static int ScratchLength(int units) => 2 * (units + Slack);

    /// <summary>The <paramref name="k"/>-th largest value of <paramref name="row"/> (1 ≤ k ≤ length), or NaN
    /// if the row holds NaN or ±∞. <paramref name="scratch"/> holds <see cref="ScratchLength"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float KthLargest(ReadOnlySpan<float> row, int k, Span<float> scratch)
    {
        var target = scratch[..(row.Length + Slack)];
        var spare = scratch.Slice(row.Length + Slack, row.Length + Slack);
        if (row.Length <= SortAtMost)
        {
            foreach (var v in row)
                if (!float.IsFinite(v)) return float.NaN;
            row.CopyTo(target);
            return SortedPick(target[..row.Length], k);
        }

        Span<float> pivots = stackalloc float[Pivots];
        Span<int> atLeast = stackalloc int[Pivots + 2];
        SamplePivots(row, k, pivots);
        if (!CountAtLeast(row, pivots, atLeast)) return float.NaN;
        ReadOnlySpan<float> candidates = row;
        int rank = k;
        for (int round = 1; ; round++)
        {
            int j = Pivots;
            while (atLeast[j] < rank) j--;
            float lo = j == 0 ? float.NegativeInfinity : pivots[j - 1];
            float hi = j == Pivots ? float.PositiveInfinity : pivots[j];
            rank -= atLeast[j + 1];
            int count = Pack(candidates, lo, hi, target);
            var packed = target[..count];
            if (count <= SortAtMost || round == MaxRounds) return SortedPick(packed, rank);

            var (min, max) = MinMax(packed);
            if (min == max) return min;
            SpreadPivots(min, max, pivots);
            CountAtLeast(packed, pivots, atLeast);
            candidates = packed;
            var next = spare;
            spare = target;
            target = next;
        }
    }

    /// <summary>Sorts a strided sample of the row and takes the pivots at sample positions 0.6 binomial standard
    /// deviations apart, centred where the k-th largest should fall (±1.5 σ in all): the interval it lands in is
    /// then narrow, and rarely one of the open-ended outer ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void SamplePivots(ReadOnlySpan<float> row, int k, Span<float> pivots)
    {
        int size = Math.Min(SampleSize, row.Length);
        Span<float> sample = stackalloc float[SampleSize];
        sample = sample[..size];
        // An odd stride walks across the columns of power-of-two feature maps instead of hitting one column.
        int stride = row.Length / size;
        if (stride > 1 && stride % 2 == 0) stride--;
        for (int i = 0; i < size; i++) sample[i] = row[i * stride];
        InsertionSort(sample);
        double fraction = (double)k / row.Length;
        double center = size * (1 - fraction) - 0.5;
        double step = 0.6 * (Math.Sqrt(size * fraction * (1 - fraction)) + 0.5);
        for (int p = 0; p < Pivots; p++)
        {
            int position = (int)Math.Round(center + (p - (Pivots - 1) / 2.0) * step);
            pivots[p] = sample[Math.Clamp(position, 0, size - 1)];
        }
    }

    /// <summary>Pivots evenly spaced over (min, max], the last one at max, so every round drops at least the maxima
    /// or ends on an all-equal buffer.</summary>
    static void SpreadPivots(float min, float max, Span<float> pivots)
    {
        for (int p = 0; p < Pivots - 1; p++) pivots[p] = (float)(min + ((double)max - min) * (p + 1) / Pivots);
        pivots[Pivots - 1] = max;
    }

    /// <summary>atLeast[0] = length, atLeast[p + 1] = #(value ≥ pivots[p]) for ascending pivots, atLeast[7] = 0.
    /// Returns false if a value is NaN or ±∞ (exponent bits all set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool CountAtLeast(ReadOnlySpan<float> values, ReadOnlySpan<float> pivots, Span<int> atLeast)
    {
        ref float v0 = ref MemoryMarshal.GetReference(values);
        // Six named accumulators stay in registers; an array of vectors would go through memory every step.
        var p0 = Vector256.Create(pivots[0]); var p1 = Vector256.Create(pivots[1]); var p2 = Vector256.Create(pivots[2]);
        var p3 = Vector256.Create(pivots[3]); var p4 = Vector256.Create(pivots[4]); var p5 = Vector256.Create(pivots[5]);
        Vector256<int> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, nonFinite = default;
        var exponent = Vector256.Create(0x7F800000);
        int i = 0;
        for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref v0, (nuint)i);
            // A true comparison is all ones, i.e. −1: subtracting it counts.
            c0 -= Vector256.GreaterThanOrEqual(v, p0).AsInt32();
            c1 -= Vector256.GreaterThanOrEqual(v, p1).AsInt32();
            c2 -= Vector256.GreaterThanOrEqual(v, p2).AsInt32();
            c3 -= Vector256.GreaterThanOrEqual(v, p3).AsInt32();
            c4 -= Vector256.GreaterThanOrEqual(v, p4).AsInt32();
            c5 -= Vector256.GreaterThanOrEqual(v, p5).AsInt32();
            nonFinite |= Vector256.Equals(v.AsInt32() & exponent, exponent);
        }
        atLeast[0] = values.Length;
        atLeast[1] = Vector256.Sum(c0); atLeast[2] = Vector256.Sum(c1); atLeast[3] = Vector256.Sum(c2);
        atLeast[4] = Vector256.Sum(c3); atLeast[5] = Vector256.Sum(c4); atLeast[6] = Vector256.Sum(c5);
        atLeast[Pivots + 1] = 0;
        bool finite = nonFinite == Vector256<int>.Zero;
        for (; i < values.Length; i++)
        {
            finite &= float.IsFinite(values[i]);
            for (int p = 0; p < Pivots; p++)
                if (values[i] >= pivots[p]) atLeast[p + 1]++;
        }
        return finite;
    }

    /// <summary>Copies the values in [lo, hi) to the front of <paramref name="destination"/>, in order, and
    /// returns how many; one vector permute per 8 values, no branches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static int Pack(ReadOnlySpan<float> values, float lo, float hi, Span<float> destination)
    {
        if (destination.Length < values.Length + Slack)
            throw new ArgumentException("The pack buffer needs room for every value plus one vector.", nameof(destination));
        ref float source = ref MemoryMarshal.GetReference(values);
        ref float target = ref MemoryMarshal.GetReference(destination);
        var low = Vector256.Create(lo);
        var high = Vector256.Create(hi);
        int i = 0, count = 0;
        for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref source, (nuint)i);
            uint inside = (Vector256.GreaterThanOrEqual(v, low) & Vector256.LessThan(v, high)).ExtractMostSignificantBits();
            Vector256.ShuffleNative(v, PackOrder[inside]).StoreUnsafe(ref target, (nuint)count);
            count += BitOperations.PopCount(inside);
        }
        for (; i < values.Length; i++)
        {
            destination[count] = values[i];
            if (values[i] >= lo && values[i] < hi) count++;
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        ref float v0 = ref MemoryMarshal.GetReference(values);
        var min = Vector256.Create(float.PositiveInfinity);
        var max = Vector256.Create(float.NegativeInfinity);
        int i = 0;
        for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref v0, (nuint)i);
            min = Vector256.MinNative(min, v);
            max = Vector256.MaxNative(max, v);
        }
        float lowest = float.PositiveInfinity, highest = float.NegativeInfinity;
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
        {
            lowest = Math.Min(lowest, min[lane]);
            highest = Math.Max(highest, max[lane]);
        }
        for (; i < values.Length; i++)
        {
            lowest = Math.Min(lowest, values[i]);
            highest = Math.Max(highest, values[i]);
        }
        return (lowest, highest);
    }

    static float SortedPick(Span<float> values, int rank)
    {
        if (values.Length <= SortAtMost) InsertionSort(values);
        else values.Sort();
        return values[^rank];
    }

    /// <summary>For the few dozen values of a sample or a last round, far cheaper than Span.Sort's general machinery.</summary>
    static void InsertionSort(Span<float> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            float value = values[i];
            int j = i - 1;
            for (; j >= 0 && values[j] > value; j--) values[j + 1] = values[j];
            values[j + 1] = value;
        }
    }

    static Vector256<int>[] BuildPackOrder()
    {
        var order = new Vector256<int>[1 << Vector256<float>.Count];
        Span<int> lanes = stackalloc int[Vector256<float>.Count];
        for (int mask = 0; mask < order.Length; mask++)
        {
            lanes.Clear();
            int next = 0;
            for (int lane = 0; lane < lanes.Length; lane++)
                if ((mask >> lane & 1) != 0) lanes[next++] = lane;
            order[mask] = Vector256.Create<int>(lanes);
        }
        return order;
    }
}
