namespace Kwta.Model.Activations;

/// <summary>How the per-sample k-th largest value is found and applied. Both give bit-identical
/// outputs and gradients.</summary>
public enum KwtaKernel
{
    /// <summary>The paper's code: topk(k) and its last value, then masked_fill. Slow; kept as the specification.</summary>
    Reference,
    /// <summary>Exact selection over the raw float32 memory in C# (<see cref="FastKthLargest"/>) and one
    /// vectorised mask pass for forward and backward (<see cref="WinnerGate"/>). The default.</summary>
    Fast,
}
