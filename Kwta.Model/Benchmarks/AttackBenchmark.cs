using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Benchmarks;

/// <summary>
/// Times three attack workloads on one batch of images, on the shipped ReLU and k-WTA models of
/// <see cref="KwtaBenchmark.Architecture"/>: what <c>kwta attack</c> does with PGD (clean predictions, the attack,
/// adversarial predictions and ‖δ‖∞, via <see cref="RobustAccuracy"/>), per image; APGD-CE, per image; and Square's
/// queries, per image and query. APGD-CE and Square attack every image of the batch (not only the correctly
/// classified ones) and Square runs without early stop, so both do a fixed amount of work that a PyTorch loop can
/// repeat exactly (bench/peer). k-WTA runs once per kernel, so the Reference kernel (the paper's topk) can be set
/// beside a PyTorch loop running the paper's code. Variants alternate as in <see cref="KwtaBenchmark"/>.
/// </summary>
public static class AttackBenchmark
{
    /// <summary>The PGD preset timed: the paper's 40 steps.</summary>
    public const string PgdPreset = "paper";

    /// <summary>The AutoAttack preset whose APGD-CE is timed: 20 iterations, 1 restart.</summary>
    public const string ApgdPreset = "fast";

    /// <summary>Square's queries after the stripes' one. A query is a forward pass, about a third of a PGD step (forward and
    /// backward), so the row costs roughly what the PGD row does, and the setup is noise. The schedule is rescaled to
    /// them, so the square shrinks as in a full run.</summary>
    public const int SquareQueries = 100;

    public static string PgdWorkload => $"PGD ({PgdPreset} preset), per image";

    public static string ApgdWorkload => $"APGD-CE ({ApgdPreset} preset), per image";

    public static string SquareWorkload => $"Square ({SquareQueries} queries, no early stop), per image and query";

    /// <param name="shipped">Loads the shipped <see cref="KwtaBenchmark.Architecture"/> model with an activation.</param>
    public static IReadOnlyList<BenchmarkRow> Run(BenchmarkSettings settings, LabeledImages images,
                                                  Func<ActivationSpec, nn.Module<Tensor, Tensor>> shipped, Action<BenchmarkRow>? onRow = null)
    {
        settings.Validate();
        if (images.Count < settings.Batch)
            throw new ArgumentException($"The attack benchmark needs {settings.Batch} images (one batch); {images.Source} holds {images.Count}.", nameof(images));
        using var relu = shipped(ActivationSpec.Relu);
        using var kwta = shipped(ActivationSpec.Kwta(settings.Sparsity));
        using var scope = NewDisposeScope();
        var batch = images.Take(settings.Batch);
        var (x, y) = batch.Range(0, settings.Batch);
        var everyImage = ones(settings.Batch, dtype: ScalarType.Bool);
        var threat = ThreatModel.For(images.Kind);
        var pgd = PgdPresets.Create(PgdPreset, seed: settings.Seed, threat: threat);
        var apgd = AutoAttackPresets.Apgd(ApgdPreset, ApgdLoss.CrossEntropy, threat.Epsilon, settings.Seed);
        var square = new SquareAttack(threat.Epsilon, SquareQueries, rescaleSchedule: true, seed: settings.Seed, stopWhenFooled: false);
        var attacked = relu;
        void Use(BenchmarkVariant variant)
        {
            attacked = variant.IsBaseline ? relu : kwta;
            ActivationSwap.SetKernel(kwta, variant.Kernel);
        }
        string OnEveryImage(SurvivorAttack attack) => $"{attack} on {settings.Batch} images, every one attacked";
        Workload[] workloads =
        [
            new(PgdWorkload, $"{pgd} on {settings.Batch} images", Use, () => RobustAccuracy.Evaluate(attacked, pgd, batch, settings.Batch), settings.Batch),
            new(ApgdWorkload, OnEveryImage(apgd), Use, () => apgd.PerturbSurvivors(attacked, x, y, everyImage), settings.Batch),
            // One query for the stripes, then SquareQueries.
            new(SquareWorkload, OnEveryImage(square), Use, () => square.PerturbSurvivors(attacked, x, y, everyImage), settings.Batch * (1 + SquareQueries)),
        ];
        return KwtaBenchmark.MeasureAll(workloads, settings, onRow);
    }
}
