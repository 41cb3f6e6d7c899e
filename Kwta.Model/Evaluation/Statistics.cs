namespace Kwta.Model.Evaluation;

/// <summary>The statistics the claims and the snapshots use: a confidence interval for an accuracy and for a paired
/// difference, a paired test and Holm's correction of several, and a binomial tail for how many outcomes another CPU may flip.</summary>
public static class Statistics
{
    /// <summary>Wilson score interval for a proportion (better than the normal interval near 0 and 1,
    /// where robust accuracies live). z = 1.96 gives 95%.</summary>
    public static (double Low, double High) WilsonInterval(int successes, int trials, double z = 1.96)
    {
        if (trials <= 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, "need at least one trial.");
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), successes, $"must lie in 0..{trials}.");
        double p = (double)successes / trials, z2 = z * z;
        double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        double half = z / (1 + z2 / trials) * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Exact one-sided McNemar test on paired outcomes: the probability, if both models were equally
    /// robust, of at least <paramref name="onlyFirst"/> of the <paramref name="onlyFirst"/> + <paramref name="onlySecond"/>
    /// discordant images favouring the first model (binomial tail, p = ½).
    /// </summary>
    public static double McNemarOneSided(int onlyFirst, int onlySecond)
    {
        if (onlyFirst < 0 || onlySecond < 0) throw new ArgumentOutOfRangeException(nameof(onlyFirst), "counts must be ≥ 0.");
        int n = onlyFirst + onlySecond;
        if (n == 0) return 1;
        double logHalfN = n * Math.Log(0.5);
        double tail = 0;
        for (int i = onlyFirst; i <= n; i++) tail += Math.Exp(LogChoose(n, i) + logHalfN);
        return Math.Min(1, tail);
    }

    /// <summary>McNemar on two models' per-image robust outcomes (same images, same order).</summary>
    public static double McNemarOneSided(IReadOnlyList<bool> first, IReadOnlyList<bool> second)
    {
        if (first.Count != second.Count) throw new ArgumentException($"paired outcomes differ in length ({first.Count} vs {second.Count}).", nameof(second));
        int onlyFirst = 0, onlySecond = 0;
        for (int i = 0; i < first.Count; i++)
        {
            if (first[i] && !second[i]) onlyFirst++;
            else if (second[i] && !first[i]) onlySecond++;
        }
        return McNemarOneSided(onlyFirst, onlySecond);
    }

    /// <summary>
    /// The fewest discordant pairs, all favouring one side, with which the one-sided exact McNemar test reaches
    /// p &lt; <paramref name="alpha"/>: p is then ½^b, so b is the smallest integer above log(α) / log(½) (7 for α = 0.01).
    /// </summary>
    public static int MinimumDiscordantPairs(double alpha)
    {
        if (alpha <= 0 || alpha >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must lie strictly between 0 and 1.");
        return (int)Math.Floor(Math.Log(alpha) / Math.Log(0.5)) + 1;
    }

    /// <summary>
    /// Newcombe's hybrid score interval (1998, Stat Med 17:2635, method 10) for the difference p₁ − p₂ of two paired
    /// proportions: <paramref name="both"/> pairs are successes on both sides, <paramref name="onlyFirst"/> and
    /// <paramref name="onlySecond"/> on one, <paramref name="neither"/> on none. It combines the sides' Wilson intervals
    /// with their estimated correlation φ, which Newcombe shrinks towards 0 by n/2 when it is positive.
    /// </summary>
    public static (double Low, double High) NewcombePairedDifference(int both, int onlyFirst, int onlySecond, int neither, double z = 1.96)
    {
        if (Math.Min(Math.Min(both, onlyFirst), Math.Min(onlySecond, neither)) < 0) throw new ArgumentOutOfRangeException(nameof(both), "counts must be ≥ 0.");
        int n = both + onlyFirst + onlySecond + neither;
        int first = both + onlyFirst, second = both + onlySecond;
        double p1 = (double)first / n, p2 = (double)second / n;
        var (l1, u1) = WilsonInterval(first, n, z);
        var (l2, u2) = WilsonInterval(second, n, z);
        double phi = 0;
        double product = (double)first * (n - first) * second * (n - second);
        if (product > 0)
        {
            double cross = (double)both * neither - (double)onlyFirst * onlySecond;
            // Stryker disable once Equality : at cross = n/2 the shrunk value is 0, and at cross = 0 the unshrunk one: either branch gives φ = 0.
            phi = (cross > n / 2.0 ? cross - n / 2.0 : cross >= 0 ? 0 : cross) / Math.Sqrt(product);
        }
        double low = Math.Sqrt(Math.Max(0, Square(p1 - l1) - 2 * phi * (p1 - l1) * (u2 - p2) + Square(u2 - p2)));
        double high = Math.Sqrt(Math.Max(0, Square(u1 - p1) - 2 * phi * (u1 - p1) * (p2 - l2) + Square(p2 - l2)));
        return (p1 - p2 - low, p1 - p2 + high);
    }

    static double Square(double x) => x * x;

    /// <summary>
    /// Holm's step-down adjustment of a family of p-values (Holm 1979), in their given order: the i-th smallest of m is
    /// multiplied by m − i + 1, capped at 1 and made non-decreasing in rank. Rejecting where the adjusted p &lt; α keeps
    /// the chance of any false rejection in the family below α.
    /// </summary>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> p)
    {
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[p.Count];
        double running = 0;
        for (int rank = 0; rank < order.Length; rank++)
        {
            running = Math.Max(running, Math.Min(1, (p.Count - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }

    /// <summary>P(X > k) for X ~ Binomial(n, p).</summary>
    public static double BinomialUpperTail(int n, double p, int k)
    {
        if (n < 0 || p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "need n ≥ 0 and p in [0, 1].");
        if (k >= n) return 0;
        if (k < 0) return 1;
        if (p == 0) return 0;
        if (p == 1) return 1;
        double tail = 0;
        for (int i = k + 1; i <= n; i++) tail += Math.Exp(LogChoose(n, i) + i * Math.Log(p) + (n - i) * Math.Log(1 - p));
        return Math.Min(1, tail);
    }

    static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    /// <summary>log n!, from a table that grows as needed: the claims' flip distances evaluate thousands of tails.</summary>
    static double LogFactorial(int n)
    {
        var table = logFactorials;
        if (n < table.Length) return table[n];
        // Stryker disable once Arithmetic : the doubling only spares regrowth; a table of any size above n holds the same values.
        var grown = new double[Math.Max(n + 1, 2 * table.Length)];
        for (int i = 1; i < grown.Length; i++) grown[i] = grown[i - 1] + Math.Log(i);
        logFactorials = grown;
        return grown[n];
    }

    static double[] logFactorials = new double[1];

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        // Stryker disable once Linq : the middle of the values sorted downwards is the same value or pair.
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("the median of no values is undefined.", nameof(values));
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
