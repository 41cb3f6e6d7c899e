using Kwta.Model.Evaluation;

namespace Kwta.Model.Ledger;

/// <summary>Re-verification of a ledger cell: a fixed sample of its images (<see cref="VerificationStrata"/>) is attacked
/// again and compared image by image with the recorded rows (<see cref="CellAgreement"/>).</summary>
public static class LedgerVerification
{
    /// <summary><paramref name="size"/> distinct images of the cell, the same on every run (a partial Fisher–Yates
    /// shuffle under a fixed seed), in increasing order.</summary>
    public static int[] Sample(IReadOnlyList<int> cellImages, int size, int seed)
    {
        var pool = cellImages.ToArray();
        int count = Math.Min(size, pool.Length);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return [.. pool[..count].Order()];
    }

    /// <summary>A sample seed fixed by the cell's name, so each cell checks its own images on every run and machine.</summary>
    public static int SampleSeed(string cell) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cell)), 0);

    /// <summary>The recomputed <paramref name="sample"/> against the file's rows, under <paramref name="rule"/>.</summary>
    public static CellAgreement Compare(string cell, IReadOnlyList<AttackOutcome> ledger, IReadOnlyList<AttackOutcome> recomputed,
                                        IReadOnlyList<SampledImage> sample, VerificationRule rule)
    {
        var recorded = ledger.ToDictionary(o => (o.Index, o.Target));
        var cleanDifferences = new SortedSet<int>();
        var differences = new List<SampleDifference>();
        double largest = 0;
        foreach (var o in recomputed)
        {
            if (!recorded.TryGetValue((o.Index, o.Target), out var r))
                throw new InvalidDataException($"{cell}: the ledger has no row for image {o.Index}{(o.Target is { } t ? $", target {t}" : "")}.");
            if (r.Label != o.Label) throw new InvalidDataException($"{cell}: image {o.Index} has label {o.Label}, the ledger {r.Label}: other data.");
            if (r.CleanPrediction != o.CleanPrediction) cleanDifferences.Add(o.Index);
            if (!SameCpuTolerance.Repeats(r, o)) differences.Add(new SampleDifference(r, o));
            else largest = Math.Max(largest, SameCpuTolerance.RelativeDifference(r.Margin, o.Margin));
        }
        return new CellAgreement(cell, rule, sample, [.. cleanDifferences], differences, largest);
    }
}
