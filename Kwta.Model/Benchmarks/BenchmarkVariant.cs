using Kwta.Model.Activations;

namespace Kwta.Model.Benchmarks;

/// <summary>One activation setting every workload is timed with: ReLU (the baseline) or k-WTA with a kernel.</summary>
public sealed record BenchmarkVariant(string Name, ActivationSpec Activation, KwtaKernel Kernel)
{
    public bool IsBaseline => Activation.Kind == ActivationKind.Relu;

    /// <summary>ReLU first (the ratios' denominator), then every k-WTA kernel.</summary>
    public static IReadOnlyList<BenchmarkVariant> All(double sparsity) =>
    [
        new("ReLU", ActivationSpec.Relu, KwtaKernel.Fast),
        .. Enum.GetValues<KwtaKernel>().Select(kernel => new BenchmarkVariant($"k-WTA {kernel}", ActivationSpec.Kwta(sparsity), kernel)),
    ];
}
