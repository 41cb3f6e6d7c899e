namespace Kwta.Model.Evaluation;

/// <summary>
/// Two sides' per-image outcomes on the same images, as the 2×2 table of a paired comparison: images robust on both,
/// on the first only, on the second only, on neither. The claims ask whether the first leaves significantly more
/// images robust (one-sided exact McNemar), how large the difference is, and how many images would change the answer.
/// </summary>
public sealed record PairedOutcomes(int Both, int OnlyFirst, int OnlySecond, int Neither)
{
    public int Count => Both + OnlyFirst + OnlySecond + Neither;

    public int FirstRobust => Both + OnlyFirst;

    public int SecondRobust => Both + OnlySecond;

    /// <summary>The two sides' outcomes on their common first images (a shorter column was run on the first images only).</summary>
    public static PairedOutcomes Of(IReadOnlyList<bool> first, IReadOnlyList<bool> second)
    {
        int n = Math.Min(first.Count, second.Count), both = 0, onlyFirst = 0, onlySecond = 0;
        for (int i = 0; i < n; i++)
        {
            if (first[i] && second[i]) both++;
            else if (first[i]) onlyFirst++;
            else if (second[i]) onlySecond++;
        }
        return new PairedOutcomes(both, onlyFirst, onlySecond, n - both - onlyFirst - onlySecond);
    }

    public double OneSidedP => Statistics.McNemarOneSided(OnlyFirst, OnlySecond);

    public double FirstPercent => Percent(FirstRobust);

    public double SecondPercent => Percent(SecondRobust);

    /// <summary>First minus second robust accuracy in percentage points, with Newcombe's 95% interval.</summary>
    public (double Difference, double Low, double High) DifferencePoints
    {
        get
        {
            var (low, high) = Statistics.NewcombePairedDifference(Both, OnlyFirst, OnlySecond, Neither);
            return (FirstPercent - SecondPercent, 100 * low, 100 * high);
        }
    }

    /// <summary>The most discordant pairs that could favour the first side given how many images each side leaves
    /// robust: the first must be robust and the second not on each of them.</summary>
    public int MostFavourable => Math.Min(FirstRobust, Count - SecondRobust);

    /// <summary>How many more images the first would have to keep, or the second lose, for <see cref="MostFavourable"/> to reach <paramref name="needed"/>.</summary>
    public int ImagesShortOf(int needed) => Math.Max(0, needed - FirstRobust) + Math.Max(0, needed - (Count - SecondRobust));

    /// <summary>
    /// The fewest images whose outcome on one side must change for <paramref name="significant"/> (asked of a one-sided
    /// p) to change its answer, or null if no change of these images can. A significant result weakens as first-only
    /// images leave the first-only cell or second-only images join theirs; a non-significant one strengthens the other way.
    /// </summary>
    public int? FlipDistance(Func<double, bool> significant)
    {
        bool now = significant(OneSidedP);
        int concordant = Both + Neither;
        for (int k = 1; k <= Count; k++)
            for (int moved = 0; moved <= k; moved++)
            {
                var (first, second) = now ? (OnlyFirst - moved, OnlySecond + k - moved) : (OnlyFirst + moved, OnlySecond - (k - moved));
                bool possible = now ? first >= 0 && k - moved <= concordant : second >= 0 && moved <= concordant;
                if (possible && significant(Statistics.McNemarOneSided(first, second)) != now) return k;
            }
        return null;
    }

    double Percent(int robust) => Count == 0 ? 0 : 100.0 * robust / Count;
}
