using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Benchmarks;

/// <summary>
/// Times what <c>kwta attack</c> does to one batch of images (clean predictions, the attack, adversarial
/// predictions and ‖δ‖∞, via <see cref="RobustAccuracy"/>) on the shipped ReLU and k-WTA models of
/// <see cref="KwtaBenchmark.Architecture"/>, per image. k-WTA runs once per kernel, so the Reference kernel (the
/// paper's topk) can be set beside a PyTorch loop running the paper's code (bench/peer). Variants alternate as in
/// <see cref="KwtaBenchmark"/>.
/// </summary>
public static class AttackBenchmark
{
    /// <summary>The PGD preset timed: the paper's 40 steps.</summary>
    public const string PgdPreset = "paper";

    public static string PgdWorkload => $"PGD ({PgdPreset} preset), per image";

    /// <param name="shipped">Loads the shipped <see cref="KwtaBenchmark.Architecture"/> model with an activation.</param>
    public static IReadOnlyList<BenchmarkRow> Run(BenchmarkSettings settings, LabeledImages images,
                                                  Func<ActivationSpec, nn.Module<Tensor, Tensor>> shipped, Action<BenchmarkRow>? onRow = null)
    {
        settings.Validate();
        if (images.Count < settings.Batch)
            throw new ArgumentException($"The attack benchmark needs {settings.Batch} images (one batch); {images.Source} holds {images.Count}.", nameof(images));
        using var relu = shipped(ActivationSpec.Relu);
        using var kwta = shipped(ActivationSpec.Kwta(settings.Sparsity));
        var batch = images.Take(settings.Batch);
        var pgd = PgdPresets.Create(PgdPreset, seed: settings.Seed, threat: ThreatModel.For(images.Kind));
        var attacked = relu;
        void Use(BenchmarkVariant variant)
        {
            attacked = variant.IsBaseline ? relu : kwta;
            ActivationSwap.SetKernel(kwta, variant.Kernel);
        }
        Workload[] workloads =
        [
            new(PgdWorkload, $"{pgd} on {settings.Batch} images", Use, () => RobustAccuracy.Evaluate(attacked, pgd, batch, settings.Batch), settings.Batch),
        ];
        return KwtaBenchmark.MeasureAll(workloads, settings, onRow);
    }
}
