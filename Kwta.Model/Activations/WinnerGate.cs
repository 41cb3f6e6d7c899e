using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>
/// The fast kernel's mask pass: <c>output = x ≥ threshold[row] ? values : +0</c>, row by row. With
/// <c>values = x</c> it is the forward output, with <c>values</c> = the upstream gradient it is the
/// backward; bit for bit what <c>x.masked_fill(x &lt; threshold, 0)</c> and its gradient give (losers
/// become +0, winners keep their bits), without libtorch's slow bool-mask kernels.
/// </summary>
internal static class WinnerGate
{
    /// <param name="x">Contiguous float32 (rows, ...) input that decides winners.</param>
    /// <param name="values">Contiguous float32 tensor of x's shape whose winners are kept.</param>
    public static Tensor Apply(Tensor x, Tensor values, float[] thresholds)
    {
        var output = empty_like(values);
        int rows = thresholds.Length;
        int units = (int)(x.numel() / rows);
        unsafe
        {
            fixed (byte* xBytes = x.bytes, valueBytes = values.bytes, outputBytes = output.bytes)
            {
                nint xs = (nint)xBytes, vs = (nint)valueBytes, os = (nint)outputBytes;
                RowBlocks.For(rows, units, (start, end) =>
                {
                    for (int r = start; r < end; r++)
                    {
                        long offset = (long)r * units;
                        Row(new ReadOnlySpan<float>((float*)xs + offset, units), new ReadOnlySpan<float>((float*)vs + offset, units),
                            thresholds[r], new Span<float>((float*)os + offset, units));
                    }
                });
            }
        }
        return output;
    }

    static void Row(ReadOnlySpan<float> x, ReadOnlySpan<float> values, float threshold, Span<float> output)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float vs = ref MemoryMarshal.GetReference(values);
        ref float os = ref MemoryMarshal.GetReference(output);
        var t = Vector256.Create(threshold);
        int i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var winners = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref xs, (nuint)i), t);
            (Vector256.LoadUnsafe(ref vs, (nuint)i) & winners).StoreUnsafe(ref os, (nuint)i);
        }
        for (; i < x.Length; i++) output[i] = x[i] >= threshold ? values[i] : 0f;
    }
}
