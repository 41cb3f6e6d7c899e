using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>
/// A 2-d convolution with the eval-mode batch norm after it folded in: with s = γ / √(σ² + ε),
/// γ(conv_w(x) + b − μ)/√(σ² + ε) + β = conv_{w·s}(x) + (β + (b − μ)·s), computed in float64 and stored in float32.
/// The weights are kept channels-last, oneDNN's own layout on CPU, so libtorch runs no norm and reorders no weights
/// at each call, and its output is channels-last too. The same function as the pair, up to float rounding.
/// </summary>
public sealed class FoldedConvolution : nn.Module<Tensor, Tensor>
{
    readonly Tensor weight;
    readonly Tensor bias;
    readonly long[] stride;
    readonly long[] padding;
    readonly long[] dilation;
    readonly long groups;

    public FoldedConvolution(Conv2d convolution, BatchNorm2d? norm) : base(nameof(FoldedConvolution))
    {
        if (convolution.padding_mode != PaddingModes.Zeros || convolution.padding is null)
            throw new NotSupportedException($"Only zero padding given as numbers can be folded, not {convolution.padding_mode}.");
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var w = convolution.weight!.to_type(ScalarType.Float64);
            var b = convolution.bias?.to_type(ScalarType.Float64) ?? zeros(w.shape[0], dtype: ScalarType.Float64);
            if (norm is not null)
            {
                var scale = (norm.weight?.to_type(ScalarType.Float64) ?? ones_like(b))
                            / (norm.running_var!.to_type(ScalarType.Float64) + norm.eps).sqrt();
                b = (norm.bias?.to_type(ScalarType.Float64) ?? zeros_like(b)) + (b - norm.running_mean!.to_type(ScalarType.Float64)) * scale;
                w = w * scale.reshape(-1, 1, 1, 1);
            }
            weight = ChannelsLast(w.to_type(ScalarType.Float32)).DetachFromDisposeScope();
            bias = b.to_type(ScalarType.Float32).contiguous().DetachFromDisposeScope();
        }
        stride = convolution.stride!;
        padding = convolution.padding;
        dilation = convolution.dilation!;
        groups = convolution.groups;
        register_buffer(nameof(weight), weight);
        register_buffer(nameof(bias), bias);
    }

    /// <summary>The same values laid out as (N, H, W, C) in memory: a 4-d tensor whose channels are its densest dimension.</summary>
    public static Tensor ChannelsLast(Tensor x) => x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    public override Tensor forward(Tensor x) =>
        nn.functional.conv2d(x, weight, bias, strides: stride, padding: padding, dilation: dilation, groups: groups);
}
