namespace Kwta.Model.Attacks;

/// <summary>
/// The Square attack's square sizes (Andriushchenko et al., ECCV 2020; AutoAttack's code): the fraction p of
/// the image a square covers starts at p_init and is halved after iterations 10, 50, 200, 500, 1000, 2000,
/// 4000, 6000 and 8000 of a 10 000-iteration budget. Rescaled, iteration i of a budget of Q counts as
/// ⌊10 000·i/Q⌋, so the halvings keep their places relative to the budget; AutoAttack does not rescale.
/// The square's side is round(√(p·H·W)), at least 1 and at most min(H, W).
/// </summary>
public sealed record SquareSchedule(double InitialFraction, int Queries, bool Rescaled)
{
    public const double AutoAttackInitialFraction = 0.8;
    const int ReferenceBudget = 10_000;
    static readonly int[] Halvings = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];

    public double FractionAt(int iteration)
    {
        long position = Rescaled ? (long)iteration * ReferenceBudget / Queries : iteration;
        return InitialFraction / Math.Pow(2, Halvings.Count(h => position > h));
    }

    public int SideAt(int iteration, int height, int width)
    {
        // Math.Round rounds halves to even, as Python's round in the reference code.
        int side = (int)Math.Round(Math.Sqrt(FractionAt(iteration) * height * width));
        return Math.Clamp(side, 1, Math.Min(height, width));
    }
}
