using System.Diagnostics;
using System.Globalization;
using Kwta.Model.Evaluation;
using Kwta.Model.Runtime;

namespace Kwta.Model.Ledger;

/// <summary>
/// Builds one cell's ledger file (or one shard's part of it), resumably: after every batch the outcomes so far are
/// written atomically to FILE.partial, a restarted build continues from there (a kill loses at most the batch in
/// progress), and the finished file replaces the partial one. A finished, fresh file is left alone; a stale one
/// (other attack settings, images, weights or data) is rebuilt.
/// </summary>
public static class CellBuild
{
    public const string PartialSuffix = ".partial";

    public enum Result { AlreadyFresh, Built }

    /// <param name="identity">The whole cell's header (attack, all its images, model and data sha256); machine and time are filled in here.</param>
    /// <param name="evaluate">The outcomes of a batch of images, given as indices into the data.</param>
    /// <param name="machine">The header's machine line; by default <see cref="PinnedNumerics.Machine"/>.</param>
    /// <param name="distrusted">The cell's file exists but is refused as it is (malformed, or edited after its build): it
    /// is rebuilt even if its header is fresh.</param>
    public static Result Run(LedgerHeader identity, IReadOnlyList<int> cellImages, LedgerShard shard, string cellPath,
                             Func<int[], IReadOnlyList<AttackOutcome>> evaluate, int batchSize, Action<CellProgress>? progress = null,
                             bool distrusted = false, string? machine = null)
    {
        if (IndexRanges.Format(cellImages) != identity.Images)
            throw new ArgumentException($"{identity.Cell}: the images given are not the header's ({identity.Images}).", nameof(cellImages));
        var path = shard.PathFor(cellPath);
        var header = identity with { Shard = shard.IsWhole ? "" : shard.ToString(), Machine = machine ?? PinnedNumerics.Machine(), Built = LedgerHeader.InProgress };
        if (!distrusted && (IsFresh(cellPath, identity with { Shard = "" }) || IsFresh(path, header)))
        {
            File.Delete(path + PartialSuffix); // left behind by a kill between the finished file's rename and this delete
            return Result.AlreadyFresh;
        }

        var images = shard.Select(cellImages);
        var outcomes = Resumed(path + PartialSuffix, header, images);
        var done = outcomes.Select(o => o.Index).ToHashSet();
        var remaining = images.Where(i => !done.Contains(i)).ToArray();
        var watch = Stopwatch.StartNew();
        int doneThisRun = 0;
        for (int start = 0; start < remaining.Length; start += batchSize)
        {
            int[] batch = remaining[start..Math.Min(remaining.Length, start + batchSize)];
            outcomes.AddRange(evaluate(batch));
            doneThisRun += batch.Length;
            new LedgerFile(header, outcomes).Write(path + PartialSuffix);
            progress?.Invoke(new CellProgress(identity.Cell, images.Count - remaining.Length + doneThisRun, images.Count, doneThisRun, watch.Elapsed));
        }
        var finished = header with { Built = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        new LedgerFile(finished, outcomes).Write(path);
        File.Delete(path + PartialSuffix);
        return Result.Built;
    }

    static bool IsFresh(string path, LedgerHeader identity) =>
        File.Exists(path) && LedgerFile.Read(path).Header is var header && header.StaleAgainst(identity).Count == 0 && header.Shard == identity.Shard;

    /// <summary>The outcomes of a partial file for the same cell and shard; a partial file of other settings is started over.</summary>
    static List<AttackOutcome> Resumed(string partialPath, LedgerHeader header, IReadOnlyList<int> images)
    {
        if (!File.Exists(partialPath)) return [];
        var partial = LedgerFile.Read(partialPath);
        if (partial.Header.StaleAgainst(header).Count > 0 || partial.Header.Shard != header.Shard) return [];
        var wanted = images.ToHashSet();
        return [.. partial.Outcomes.Where(o => wanted.Contains(o.Index))];
    }
}
