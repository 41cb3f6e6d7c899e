using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>
/// The fast kernel's mask passes, bit for bit what <c>x.masked_fill(x &lt; threshold, 0)</c> and its
/// gradient give (losers become +0, winners keep their bits), without libtorch's slow bool-mask kernels.
/// The forward pass can record the winners as one bit per unit (a uint8 tensor, rows × <see cref="BytesPerRow"/>):
/// the backward then needs neither x nor the thresholds, so autograd keeps 1/32 of the input alive
/// instead of all of it. The row loops skip tiered JIT (AggressiveOptimization), as in <see cref="FastKthLargest"/>.
/// </summary>
internal static class WinnerGate
{
    /// <summary>Units per vector, and per byte of winner bits.</summary>
    const int Lanes = 8;

    /// <summary>Each lane's bit in a byte of winner bits: lane i ↔ bit i.</summary>
    static readonly Vector256<int> LaneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);

    /// <summary><c>winner ? gradient : +0</c> for a contiguous float32 gradient of the forward input's shape.</summary>
    public static Tensor Backward(Tensor gradient, Tensor winners)
    {
        var output = empty_like(gradient);
        int rows = (int)winners.shape[0], bytesPerRow = (int)winners.shape[1];
        int units = (int)(gradient.numel() / rows);
        unsafe
        {
            fixed (byte* gradientBytes = gradient.bytes, outputBytes = output.bytes, winnerBytes = winners.bytes)
            {
                nint gs = (nint)gradientBytes, os = (nint)outputBytes, ws = (nint)winnerBytes;
                RowBlocks.For(rows, units, (start, end) =>
                {
                    for (int r = start; r < end; r++)
                    {
                        long offset = (long)r * units;
                        PassRow(new ReadOnlySpan<float>((float*)gs + offset, units),
                                new ReadOnlySpan<byte>((byte*)ws + (long)r * bytesPerRow, bytesPerRow), new Span<float>((float*)os + offset, units));
                    }
                });
            }
        }
        return output;
    }

    /// <summary>Bytes of winner bits per row: one bit per unit, rows padded to whole bytes.</summary>
    public static int BytesPerRow(int units) => (units + Lanes - 1) / Lanes;

    /// <summary><c>output = x ≥ threshold ? x : +0</c> over one row.</summary>
    /// <param name="bits">Empty, or <see cref="BytesPerRow"/> bytes to record the winners in for <see cref="Backward"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void KeepRow(ReadOnlySpan<float> x, float threshold, Span<float> output, Span<byte> bits)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float os = ref MemoryMarshal.GetReference(output);
        var t = Vector256.Create(threshold);
        int i = 0;
        for (; i <= x.Length - Lanes; i += Lanes)
        {
            var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
            var winners = Vector256.GreaterThanOrEqual(v, t);
            (v & winners).StoreUnsafe(ref os, (nuint)i);
            if (!bits.IsEmpty) bits[i / Lanes] = (byte)winners.ExtractMostSignificantBits();
        }
        if (i == x.Length) return;
        int tail = 0;
        for (int lane = 0; i + lane < x.Length; lane++)
        {
            bool winner = x[i + lane] >= threshold;
            output[i + lane] = winner ? x[i + lane] : 0f;
            if (winner) tail |= 1 << lane;
        }
        if (!bits.IsEmpty) bits[i / Lanes] = (byte)tail;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PassRow(ReadOnlySpan<float> gradient, ReadOnlySpan<byte> bits, Span<float> output)
    {
        ref float gs = ref MemoryMarshal.GetReference(gradient);
        ref float os = ref MemoryMarshal.GetReference(output);
        int i = 0;
        for (; i <= gradient.Length - Lanes; i += Lanes)
        {
            // Spread the byte over the lanes and test each lane's bit: all ones where the unit won.
            var winners = Vector256.Equals(Vector256.Create((int)bits[i / Lanes]) & LaneBits, LaneBits).AsSingle();
            (Vector256.LoadUnsafe(ref gs, (nuint)i) & winners).StoreUnsafe(ref os, (nuint)i);
        }
        for (int lane = 0; i + lane < gradient.Length; lane++)
            output[i + lane] = (bits[i / Lanes] >> lane & 1) != 0 ? gradient[i + lane] : 0f;
    }
}
