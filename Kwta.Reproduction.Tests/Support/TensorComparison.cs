using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Support;

public static class TensorComparison
{
    /// <summary>Same shape and every element equal (+0 equals −0).</summary>
    public static bool SameAs(this Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
    }

    /// <summary>Same shape and dtype, equal values and equal signs (so −0 ≠ +0): what "bit-identical"
    /// means for two kernels on NaN-free tensors.</summary>
    public static bool BitIdenticalTo(this Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.dtype == b.dtype && a.shape.SequenceEqual(b.shape)
               && a.eq(b).logical_and(a.signbit().eq(b.signbit())).all().item<bool>();
    }
}
