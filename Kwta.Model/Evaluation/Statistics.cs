namespace Kwta.Model.Evaluation;

/// <summary>The statistics the claims and the snapshots use: a confidence interval for an accuracy, a paired test,
/// and a binomial tail for how many outcomes another CPU may flip.</summary>
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

    static double LogFactorial(int n)
    {
        double sum = 0;
        for (int i = 2; i <= n; i++) sum += Math.Log(i);
        return sum;
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("the median of no values is undefined.", nameof(values));
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
