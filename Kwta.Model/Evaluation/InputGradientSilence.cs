using Kwta.Model.Data;
using Kwta.Model.Models;
using Kwta.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Evaluation;

/// <summary>
/// Which images give a gradient-based attack nothing to follow: the gradient of the cross-entropy with respect to the
/// clean input is all zero (a flat or saturated loss; PGD's sign step is then zero) or has a non-finite entry.
/// Carlini et al. 2019 ("On Evaluating Adversarial Robustness") and Pintor et al. 2022 ("Indicators of Attack
/// Failure", silent gradients) list it among the signs of gradient masking.
/// </summary>
public static class InputGradientSilence
{
    /// <summary>Per image of <paramref name="indices"/>, in that order, whether its input gradient is silent.</summary>
    public static bool[] Measure(nn.Module<Tensor, Tensor> model, LabeledImages images, IReadOnlyList<int> indices, int batchSize)
    {
        using var evaluation = new EvalMode(model);
        using var gradients = enable_grad();
        var silent = new List<bool>(indices.Count);
        // Stryker disable once Equality : one more, empty batch adds no image.
        for (int start = 0; start < indices.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var (x, y) = images.Batch([.. indices.Skip(start).Take(batchSize)]);
            silent.AddRange(Silent(model, x, y).data<bool>());
        }
        return [.. silent];
    }

    /// <summary>One bool per sample: ∂CE/∂x is zero everywhere or not finite somewhere.</summary>
    public static Tensor Silent(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var leaf = x.detach().requires_grad_(true);
        var loss = nn.functional.cross_entropy(model.forward(leaf), y, reduction: nn.Reduction.Sum);
        var gradient = autograd.grad([loss], [leaf])[0].flatten(1);
        var allZero = gradient.eq(0).all(1);
        var nonFinite = gradient.isfinite().logical_not().any(1);
        return allZero.logical_or(nonFinite).MoveToOuterDisposeScope();
    }
}
