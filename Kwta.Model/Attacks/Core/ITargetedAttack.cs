using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>An attack that drives each sample towards a chosen class; evaluated per (image, target) pair.</summary>
public interface ITargetedAttack
{
    /// <summary>Adversarial images that aim for <paramref name="target"/> (int64, one class per sample).</summary>
    Tensor PerturbTowards(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor target);
}
