namespace Kwta.Model.Activations;

/// <summary>How the per-sample k-th largest value is found. Both give bit-identical results.</summary>
public enum KwtaKernel
{
    /// <summary>The paper's code: topk(k) and its last value. Slow; kept as the specification.</summary>
    Reference,
}
