using Kwta.Model.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>What a named attack may need besides its preset (<see cref="AttackCatalog.Create"/>).</summary>
/// <param name="Epsilon">Overrides the preset's ε (L∞ attacks only); null keeps the preset's own (the threat model's, or
/// ε 1 for the <c>unbounded</c> PGD).</param>
/// <param name="ValuesPerImage">C·H·W of the images, to scale VGA's step (see <see cref="VanillaGradientAscent.SeedLearningRateFor"/>).</param>
/// <param name="TransferSource">Creates the model a transfer attack crafts on; asked for only by "transfer".</param>
/// <param name="Threat">The attacked model's data set's threat model: its ε is the default, its step the paper preset's.</param>
public sealed record AttackOptions(
    double? Epsilon = null,
    long Seed = 0,
    long ValuesPerImage = 3 * 32 * 32,
    KwtaBackward Surrogate = KwtaBackward.Relu,
    Func<nn.Module<Tensor, Tensor>>? TransferSource = null,
    ThreatModel? Threat = null);
