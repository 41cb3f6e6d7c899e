using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Training;

/// <summary>
/// Adversarial training (Madry et al. 2018): every training batch is replaced by adversarial examples crafted
/// with a PGD preset against the current weights. Crafting runs in eval mode, as every attack of the suite
/// does: batch norm uses its running statistics and is not updated by the crafting passes, and the attack
/// is the one the evaluation uses. (Madry's and Wong et al.'s code craft in train mode.)
/// After each epoch a fixed set of training images is attacked with the paper's training PGD, to catch
/// catastrophic overfitting (Wong et al. 2020): FGSM-trained models can suddenly lose all PGD robustness.
/// </summary>
public sealed record AdversarialTraining(string Preset, double Epsilon)
{
    public const int MonitorImages = 256;
    public const string MonitorPreset = "paper-training";

    /// <summary>A run whose monitored PGD accuracy falls below this fraction of its best earlier epoch has overfit catastrophically.</summary>
    public const double CollapseFraction = 0.5;

    public static AdversarialTraining Create(string preset, double epsilon)
    {
        PgdPresets.Create(preset, epsilon); // validates the name and ε
        return new AdversarialTraining(preset.ToLowerInvariant(), epsilon);
    }

    /// <summary>The attack of one epoch, seeded by the epoch so that a resumed epoch crafts the same examples.</summary>
    public LinfPgd AttackFor(int epochSeed) => PgdPresets.Create(Preset, Epsilon, epochSeed);

    /// <summary>Robust accuracy (correct on the clean and the attacked image) on the first training images, unaugmented.</summary>
    public double MonitorAccuracy(nn.Module<Tensor, Tensor> model, LabeledImages training)
    {
        using var scope = NewDisposeScope();
        var (x, y) = training.Range(0, MonitorImages);
        var attacked = PgdPresets.Create(MonitorPreset, Epsilon).Perturb(model, x, y);
        var robust = Predictions.Of(model, x).eq(y).logical_and_(Predictions.Of(model, attacked).eq(y));
        return robust.to_type(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>Throws when <paramref name="current"/> fell below <see cref="CollapseFraction"/> of the best earlier epoch's monitored accuracy.</summary>
    public static void GuardAgainstCollapse(IEnumerable<EpochRecord> earlier, int epoch, double current)
    {
        var best = earlier.Max(r => r.MonitorRobustAccuracy);
        if (best is { } b && current < CollapseFraction * b)
            throw new CatastrophicOverfittingException(FormattableString.Invariant(
                $"catastrophic overfitting in epoch {epoch}: PGD accuracy on {MonitorImages} monitored training images fell from {b:P1} to {current:P1}; the checkpoint of epoch {epoch - 1} is kept. Train with a smaller step or a multi-step attack."));
    }
}
