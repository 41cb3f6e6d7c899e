using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>The fast k-WTA kernel: exact per-row thresholds from <see cref="FastKthLargest"/>, then one
/// <see cref="WinnerGate"/> pass (through <see cref="FastKwtaFunction"/> when a gradient is needed).</summary>
internal static class FastKwta
{
    /// <summary>The C# passes read float32 CPU memory as one span with 256-bit vectors; anything else
    /// (other dtypes or devices, tensors over 2 GB, CPUs without AVX2-class SIMD) takes the reference path.</summary>
    public static bool Supports(Tensor x) =>
        x.dtype == ScalarType.Float32 && x.device_type == DeviceType.CPU && Vector256.IsHardwareAccelerated
        && x.numel() <= int.MaxValue / sizeof(float);

    public static Tensor Forward(Tensor x, long units, long k)
    {
        var input = x.contiguous();
        var thresholds = FastKthLargest.PerRow(input, (int)units, (int)k);
        return is_grad_enabled() && x.requires_grad
            ? FastKwtaFunction.apply(input, thresholds)
            : WinnerGate.Forward(input, thresholds, recordWinners: false).Output;
    }
}
