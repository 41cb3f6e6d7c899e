using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Kwta.Model.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>
/// Passes an attack through unchanged and keeps the sha256 of every adversarial image it returns, in the order
/// <see cref="Kwta.Model.Evaluation.RobustAccuracy"/> records its outcomes, so one evaluation gives both the outcomes
/// and the images behind them (running the attack a second time for the images would double the cost).
/// </summary>
class RecordingAttack(Attack inner) : Attack
{
    readonly List<string> imageSha256 = [];

    /// <summary>Wraps <paramref name="attack"/>, keeping it targeted if it is, so the evaluation runs it the same way.</summary>
    public static RecordingAttack Around(Attack attack) => attack is ITargetedAttack ? new Targeted(attack) : new RecordingAttack(attack);

    /// <summary>One hash per adversarial image returned so far, lower-case hex.</summary>
    public IReadOnlyList<string> ImageSha256 => imageSha256;

    protected Attack Inner { get; } = inner;

    public override string Name => Inner.Name;

    public override double LinfRadius => Inner.LinfRadius;

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images) =>
        Record(Inner.Perturb(model, x, y, images));

    Tensor Record(Tensor adversarial)
    {
        var values = adversarial.contiguous().data<float>().ToArray();
        int perImage = values.Length / (int)adversarial.shape[0];
        for (int row = 0; row < adversarial.shape[0]; row++)
            imageSha256.Add(Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan(row * perImage, perImage)))));
        return adversarial;
    }

    sealed class Targeted(Attack inner) : RecordingAttack(inner), ITargetedAttack
    {
        public Tensor PerturbTowards(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor target) =>
            Record(((ITargetedAttack)Inner).PerturbTowards(model, x, y, target));
    }
}
