using Kwta.Model.Evaluation;

namespace Kwta.Model.Ledger;

/// <summary>Why an image is in a re-verification sample.</summary>
public enum Stratum
{
    /// <summary>Survives the attack with the smallest margin: the first a stronger attack would break.</summary>
    NearestSurvivor,
    /// <summary>Broken with the smallest |margin|: the first a weaker attack would leave robust.</summary>
    NearestBroken,
    /// <summary>Drawn uniformly under the cell's seed: any other change.</summary>
    Random,
}

/// <summary>One image of a re-verification sample and the stratum it was chosen for.</summary>
public sealed record SampledImage(int Index, Stratum Stratum);

/// <summary>
/// How a cell's re-verification sample is drawn from its recorded rows: the <see cref="NearestSurvivors"/> survivors
/// and the <see cref="NearestBroken"/> broken images closest to the decision boundary, where a slightly stronger or
/// weaker attack changes an outcome first, plus <see cref="Random"/> images drawn uniformly under the cell's seed.
/// Only images correct on the clean input are near the attack's boundary; a clean mistake is left to the random stratum.
/// An image of a targeted cell survives if it survives every target, and its margin is its smallest over them.
/// </summary>
/// <param name="RandomAmongSurvivors">False where a survivor costs far more than a broken image (Square's 5000
/// queries): the random stratum then draws among the others only, and survivors are left to the tier that verifies them.</param>
/// <param name="RepeatsOnItsCpu">Whether the sample, recomputed on the CPU the cell was built on, repeats its rows to the
/// margins' last digits (<see cref="VerificationRule.SameCpu"/>); false where the attack's path forks on the last bits,
/// which depend on the batch: then it is compared as across CPUs.</param>
public sealed record VerificationStrata(int NearestSurvivors, int NearestBroken, int Random, bool RandomAmongSurvivors = true,
                                        bool RepeatsOnItsCpu = true)
{
    public int Size => NearestSurvivors + NearestBroken + Random;

    /// <summary>The probability with which <see cref="MarginChangeDetected"/> and <see cref="FlipRateDetected"/> detect a change.</summary>
    public const double Power = 0.95;

    /// <summary>On the CPU a cell was built on (<see cref="VerificationRule.SameCpu"/>): the smallest fraction of a cell's images whose
    /// prediction or margin a change must alter for the random stratum alone to hold one of them with probability
    /// ≥ <see cref="Power"/>, 1 − (1 − <see cref="Power"/>)^(1/<see cref="Random"/>) (null without a random stratum); any change on one of the images
    /// nearest the boundary is detected for certain.</summary>
    public double? MarginChangeDetected => Random == 0 ? null : 1 - Math.Pow(1 - Power, 1.0 / Random);

    /// <summary>Across CPUs (<see cref="VerificationRule.AcrossCpus"/>): the smallest rate at which a change flipping
    /// outcomes at random flips more of the random stratum than rounding may, with probability ≥ <see cref="Power"/>;
    /// to 0.01, or null where rounding may flip the whole stratum.</summary>
    public double? FlipRateDetected
    {
        get
        {
            int allowed = CrossMachineTolerance.AllowedFlips(Random);
            // Stryker disable once Linq,Equality : with allowed < Random, rate 1 always passes (tail 1), and a tail at a rate in hundredths is never exactly 0.95.
            return allowed >= Random ? null
                : Enumerable.Range(1, 100).Select(r => r / 100.0).First(r => Statistics.BinomialUpperTail(Random, r, allowed) >= Power);
        }
    }

    /// <summary>Across CPUs: how many of the images nearest the boundary must flip for a change to be seen, or null where
    /// rounding may flip all of them; any flip with a margin beyond rounding's reach is seen alone.</summary>
    public int? BoundaryFlipsDetected =>
        CrossMachineTolerance.AllowedFlips(NearestSurvivors + NearestBroken, CrossMachineTolerance.BoundaryFlipRate) is var allowed
        && allowed < NearestSurvivors + NearestBroken ? allowed + 1 : null;

    /// <summary>The sample among <paramref name="eligible"/> images of <paramref name="rows"/>, the same on every run, in image order.</summary>
    public IReadOnlyList<SampledImage> Choose(IReadOnlyList<AttackOutcome> rows, IReadOnlyList<int> eligible, int seed)
    {
        var allowed = eligible.ToHashSet();
        var images = (from row in rows
                      where allowed.Contains(row.Index)
                      group row by row.Index into image
                      // Stryker disable once Linq : a group is never empty.
                      select (Index: image.Key, CleanCorrect: image.First().CleanCorrect, Survives: image.All(o => o.Robust),
                              Margin: image.Min(o => o.Margin))).ToList();
        var survivors = images.Where(i => i.CleanCorrect && i.Survives).OrderBy(i => i.Margin).ThenBy(i => i.Index).Take(NearestSurvivors);
        var broken = images.Where(i => i.CleanCorrect && !i.Survives).OrderByDescending(i => i.Margin).ThenBy(i => i.Index).Take(NearestBroken);
        var chosen = survivors.Select(i => new SampledImage(i.Index, Stratum.NearestSurvivor))
                              .Concat(broken.Select(i => new SampledImage(i.Index, Stratum.NearestBroken))).ToList();
        var taken = chosen.Select(s => s.Index).ToHashSet();
        var pool = images.Where(i => !taken.Contains(i.Index) && (RandomAmongSurvivors || !(i.CleanCorrect && i.Survives)))
                         .Select(i => i.Index).Order().ToList();
        chosen.AddRange(LedgerVerification.Sample(pool, Random, seed).Select(i => new SampledImage(i, Stratum.Random)));
        return [.. chosen.OrderBy(s => s.Index)];
    }
}
