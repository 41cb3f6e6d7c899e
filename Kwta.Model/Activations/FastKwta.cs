using System.Buffers;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>
/// The fast k-WTA kernel. One pass over the rows, split across libtorch's thread count: each row's
/// exact k-th largest (<see cref="FastKthLargest"/>), then at once, while the row is still in cache,
/// its output and winner bits (<see cref="WinnerGate"/>). When a gradient is needed the result is
/// wrapped in <see cref="FastKwtaFunction"/>, whose backward passes the gradient where the bits are set.
/// </summary>
internal static class FastKwta
{
    /// <summary>The C# passes read float32 CPU memory as one span with 256-bit vectors; anything else
    /// (other dtypes or devices, tensors over 2 GB, CPUs without AVX2-class SIMD) takes the reference path.</summary>
    public static bool Supports(Tensor x) =>
        x.dtype == ScalarType.Float32 && x.device_type == DeviceType.CPU && Vector256.IsHardwareAccelerated
        && x.numel() <= int.MaxValue / sizeof(float);

    static bool IsChannelsLast(Tensor x) => x.dim() == 4 && !x.is_contiguous() && x.permute(0, 2, 3, 1).is_contiguous();

    /// <exception cref="ArgumentException">x contains NaN or ±∞.</exception>
    public static Tensor Forward(Tensor x, long units, long k)
    {
        // A channels-last batch (what the folded form's convolutions give) keeps each sample's units in one block too,
        // in (H, W, C) order, and a sample's winners do not depend on the order of its units: its (N, H, W, C) view is
        // contiguous and runs as it is, where contiguous() would copy every activation forward and every gradient back.
        if (IsChannelsLast(x)) return Forward(x.permute(0, 2, 3, 1), units, k).permute(0, 3, 1, 2);
        var input = x.contiguous();
        bool needsGradient = is_grad_enabled() && x.requires_grad;
        int rows = (int)(input.numel() / units), length = (int)units, winnersPerRow = (int)k;
        int bytesPerRow = WinnerGate.BytesPerRow(length);
        var output = empty_like(input);
        var winners = needsGradient ? empty(rows, bytesPerRow, dtype: ScalarType.Byte) : null;
        bool finite = true;
        unsafe
        {
            fixed (byte* inputBytes = input.bytes, outputBytes = output.bytes, winnerBytes = winners is null ? default : winners.bytes)
            {
                nint xs = (nint)inputBytes, ys = (nint)outputBytes, ws = (nint)winnerBytes;
                RowBlocks.For(rows, length, (start, end) =>
                {
                    var scratch = ArrayPool<float>.Shared.Rent(FastKthLargest.ScratchLength(length));
                    try
                    {
                        for (int r = start; r < end; r++)
                        {
                            long offset = (long)r * length;
                            var row = new ReadOnlySpan<float>((float*)xs + offset, length);
                            float threshold = FastKthLargest.KthLargest(row, winnersPerRow, scratch);
                            // NaN marks a non-finite row: nothing passes a NaN threshold, and the call throws below.
                            if (float.IsNaN(threshold)) finite = false;
                            WinnerGate.KeepRow(row, threshold, new Span<float>((float*)ys + offset, length),
                                               ws == 0 ? default : new Span<byte>((byte*)ws + (long)r * bytesPerRow, bytesPerRow));
                        }
                    }
                    finally
                    {
                        ArrayPool<float>.Shared.Return(scratch);
                    }
                });
            }
        }
        if (!finite) throw KWinnersTakeAll.NonFiniteInput();
        return winners is null ? output : FastKwtaFunction.apply(input, new FastKwtaFunction.Result(output, winners));
    }
}
