using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>
/// k-Winners-Take-All (Xiao, Zhong, Zheng, ICLR 2020): per sample, keep every value ≥ the k-th
/// largest over all of the sample's units (C·H·W for conv features, N for vectors) and zero the
/// rest, with k = floor(γ·units). Ties at the threshold are kept, as in the paper's code.
/// Two kernels compute it with bit-identical outputs and gradients (<see cref="KwtaKernel"/>): the
/// paper's topk code and an exact selection in C#.
/// </summary>
public static class KWinnersTakeAll
{
    public static void ValidateSparsity(double sparsity)
    {
        if (!(sparsity > 0 && sparsity <= 1))
            throw new ArgumentOutOfRangeException("γ", sparsity, "k-WTA sparsity γ must lie in (0, 1].");
    }

    /// <summary>k = floor(γ·units); at least 1, else the layer would drop every unit.</summary>
    public static long WinnersPerSample(double sparsity, long unitsPerSample)
    {
        ValidateSparsity(sparsity);
        long k = (long)Math.Floor(sparsity * unitsPerSample);
        if (k < 1)
            throw new ArgumentOutOfRangeException("γ", sparsity,
                $"k-WTA sparsity γ={sparsity} keeps no unit of a sample with {unitsPerSample} units (k = floor(γ·{unitsPerSample}) = 0).");
        return k;
    }

    public static Tensor Forward(Tensor x, double sparsity, KwtaKernel kernel = KwtaKernel.Fast,
                                 KwtaBackward backward = KwtaBackward.Exact)
    {
        if (x.dim() < 2)
            throw new ArgumentException($"k-WTA expects a batch (N, ...) of at least 2 dimensions; got shape [{string.Join(", ", x.shape)}].", nameof(x));
        long units = x.numel() / x.shape[0];
        long k = WinnersPerSample(sparsity, units);
        using var scope = NewDisposeScope();
        var exact = KernelThatRuns(x, kernel) == KwtaKernel.Fast ? FastKwta.Forward(x, units, k) : ReferenceForward(x, units, k);
        return WithSurrogateGradient(x, exact, backward).MoveToOuterDisposeScope();
    }

    /// <summary>The kernel <see cref="Forward"/> runs on <paramref name="x"/> when asked for <paramref name="kernel"/>:
    /// the fast one only where it can run (float32 CPU tensors up to 2 GB, on a CPU with 256-bit SIMD), else the
    /// reference. Outputs cannot tell the two apart, so this is how a caller (or a test) knows which one ran.</summary>
    public static KwtaKernel KernelThatRuns(Tensor x, KwtaKernel kernel) => kernel switch
    {
        KwtaKernel.Reference => KwtaKernel.Reference,
        KwtaKernel.Fast => FastKwta.Supports(x) ? KwtaKernel.Fast : KwtaKernel.Reference,
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Unknown k-WTA kernel."),
    };

    /// <summary>The paper's code, the specification the fast kernel must match bit for bit.</summary>
    static Tensor ReferenceForward(Tensor x, long units, long k)
    {
        var flat = x.reshape(x.shape[0], units);
        Tensor threshold;
        using (torch.no_grad())
        {
            if (!flat.isfinite().all().item<bool>()) throw NonFiniteInput();
            threshold = flat.topk((int)k, dim: 1).values.select(1, k - 1);
        }
        var losers = flat.lt(threshold.unsqueeze(1)).reshape(x.shape);
        return x.masked_fill(losers, 0);
    }

    /// <summary>NaN has no rank, so a winner set is undefined; every kernel says so instead of returning garbage.</summary>
    internal static ArgumentException NonFiniteInput() =>
        new("k-WTA input contains NaN or ±Infinity; the k-th largest value is undefined.", "x");

    /// <summary>Forward value of <paramref name="exact"/>, gradient of the chosen surrogate.</summary>
    static Tensor WithSurrogateGradient(Tensor x, Tensor exact, KwtaBackward backward)
    {
        var surrogate = backward switch
        {
            KwtaBackward.Exact => null,
            KwtaBackward.Identity => x,
            KwtaBackward.Relu => nn.functional.relu(x),
            _ => throw new ArgumentOutOfRangeException(nameof(backward), backward, "Unknown k-WTA backward mode."),
        };
        if (surrogate is null) return exact;
        // surrogate + (exact − surrogate) equals exact bit for bit here: every element is either
        // x − x = 0, 0 − 0, x − 0 or 0 − x, all exact in floating point.
        return surrogate + (exact - surrogate).detach();
    }
}
