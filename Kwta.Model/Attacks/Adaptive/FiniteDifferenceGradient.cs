using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Antithetic Gaussian finite differences (the "evolution strategies" estimator Tramèr et al. use):
/// ĝ = 1/(2σ·P) · Σₚ [L(x + σuₚ) − L(x − σuₚ)]·uₚ over P = samples/2 pairs, uₚ ~ N(0, I).
/// It needs only forward passes, so it sees through gradient masking such as k-WTA's.
/// Model inputs are evaluated in chunks of at most <c>chunkInputs</c> so memory stays bounded.
/// </summary>
public static class FiniteDifferenceGradient
{
    /// <param name="loss">Per-sample loss of a batch of inputs and their labels, shape (N).</param>
    public static Tensor Estimate(Func<Tensor, Tensor, Tensor> loss, Tensor x, Tensor y, int samples, double sigma,
                                  int chunkInputs, PerImageGenerators random)
    {
        AttackArguments.AtLeast(samples, 2, nameof(samples));
        AttackArguments.Positive(sigma, nameof(sigma));
        AttackArguments.AtLeast(chunkInputs, 2, nameof(chunkInputs));
        using var noGrad = no_grad();
        long batch = x.shape[0];
        int pairs = samples / 2;
        int pairsPerChunk = (int)Math.Max(1, chunkInputs / (2 * batch));
        var gradient = zeros_like(x);
        for (int done = 0; done < pairs; done += pairsPerChunk)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(pairsPerChunk, pairs - done);
            var noise = random.Normal(count, x);   // (P, B, ...), image b's draws from its own generator
            var shifted = sigma * noise;
            var inputs = cat([x.unsqueeze(0) + shifted, x.unsqueeze(0) - shifted], 0).flatten(0, 1);
            var losses = loss(inputs, y.repeat(2 * count)).view(2, count, batch);
            var differences = (losses[0] - losses[1]).view([count, batch, .. Enumerable.Repeat(1L, (int)x.dim() - 1)]);
            gradient.add_((differences * noise).sum(dim: 0));
        }
        return gradient.div_(2 * sigma * pairs);
    }
}
