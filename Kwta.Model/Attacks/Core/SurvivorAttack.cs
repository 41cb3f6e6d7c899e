using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// An L∞ attack that works only on the samples still to be broken, as the attacks of AutoAttack do: on its own
/// it attacks the samples the model classifies correctly (a clean mistake is never robust, so attacking it is
/// wasted work) and returns the others unchanged; an ensemble hands it the survivors of the previous attacks.
/// A sample draws its randomness only from its own generator (<see cref="PerImageGenerators"/>), so its result
/// does not depend on which other samples are attacked alongside it: alone or in an ensemble, it is the same.
/// </summary>
public abstract class SurvivorAttack : LinfAttack
{
    protected SurvivorAttack(double epsilon, long seed) : base(epsilon) => Seed = seed;

    /// <summary>With the image's index in the evaluated set, seeds its random draws (<see cref="PerImageGenerators"/>).</summary>
    public long Seed { get; }

    /// <summary>Attacks the samples where <paramref name="survivors"/> (bool, one per sample) is true; the others come back as x.</summary>
    /// <param name="images">Each row's index in the evaluated set, as for <see cref="Attack.Perturb"/>.</param>
    public Tensor PerturbSurvivors(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor survivors, long[]? images = null)
    {
        if (survivors.dtype != ScalarType.Bool || survivors.dim() != 1 || survivors.shape[0] != x.shape[0])
            throw new ArgumentException($"expected one bool per sample; got {survivors.dtype} of shape [{string.Join(", ", survivors.shape)}].",
                                        nameof(survivors));
        var indices = AttackArguments.ImageIndices(images, x);
        return RunGuarded(model, x, y, () => AttackSurvivors(model, x.detach(), y, survivors, indices));
    }

    protected sealed override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images) =>
        AttackSurvivors(model, x, y, Predictions.Of(model, x).eq(y), images);

    protected sealed override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images, Tensor clean) =>
        AttackSurvivors(model, x, y, clean.eq(y), images);

    Tensor AttackSurvivors(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor survivors, long[] images)
    {
        var rows = survivors.nonzero().squeeze(1);
        if (rows.numel() == 0) return x.clone();
        using var random = new PerImageGenerators(Seed, images);
        return AttackRows(model, x, y, rows, random);
    }

    /// <summary>The attack proper on the samples <paramref name="rows"/> (int64 indices into the batch); returns the whole
    /// batch with every other sample equal to x. <paramref name="random"/> has one generator per sample of the batch;
    /// a sample must draw only from its own (<see cref="PerImageGenerators.Select"/>).</summary>
    protected abstract Tensor AttackRows(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor rows, PerImageGenerators random);
}
