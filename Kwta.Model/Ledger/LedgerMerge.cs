using Kwta.Model.Evaluation;

namespace Kwta.Model.Ledger;

/// <summary>Joins a cell's shard files (ATTACK.shard-I-of-N.csv, built anywhere) into the cell's file. All N shards
/// must be there, each of the code's current cell (its identity: attack settings, images, model and data sha256)
/// and holding its own block of images, each sample once; a fresh cell file is never replaced. Everything is checked
/// before anything is written (<see cref="Prepare"/>), and the shard files are removed only once the joined file
/// reads back equal (<see cref="Prepared.Commit"/>). Every refusal names the file.</summary>
public static class LedgerMerge
{
    public static bool HasShards(string cellPath) => LedgerShard.FilesBeside(cellPath).Count > 0;

    /// <summary>The command that merges this cell's shards, for messages about shards left unmerged.</summary>
    public static string Command(LedgerCell cell) => $"kwta ledger merge --scale {cell.Scale.Name()} --model {cell.Model} --attack {cell.Attack}";

    /// <summary>What <c>kwta ledger status</c> says of a cell whose shards wait for a merge; null if it has none.</summary>
    public static string? Waiting(LedgerCell cell, string ledgerDirectory)
    {
        var shards = LedgerShard.FilesBeside(cell.PathIn(ledgerDirectory)).Select(f => f.Shard).ToList();
        if (shards.Count == 0) return null;
        if (shards.Select(s => s.Of).Distinct().Count() > 1) return $"not merged, shard files of different splits ({string.Join(", ", shards)})";
        int of = shards[0].Of;
        var missing = Enumerable.Range(1, of).Except(shards.Select(s => s.Number)).Select(n => new LedgerShard(n, of)).ToList();
        return missing.Count == 0
            ? $"not merged, {of} of {of} shards present; merge them with `{Command(cell)}`"
            : $"not merged, {shards.Count} of {of} shards present ({string.Join(", ", missing)} missing); merge them with `{Command(cell)}` once all are built";
    }

    /// <summary>The cell's merged file, checked against <paramref name="identity"/> (the code's current header of the
    /// cell); nothing is written yet.</summary>
    /// <exception cref="InvalidDataException">A shard is missing, stale, cut or holds a sample twice, not at all, or
    /// not its own; or the cell's file is already fresh.</exception>
    public static Prepared Prepare(LedgerCell cell, string ledgerDirectory, LedgerHeader identity)
    {
        var cellPath = cell.PathIn(ledgerDirectory);
        var files = LedgerShard.FilesBeside(cellPath);
        if (files.Count == 0) throw new FileNotFoundException($"{cellPath}: no shard files (CELL.shard-I-of-N.csv) to merge.");
        int of = files[0].Shard.Of;
        if (files.Any(f => f.Shard.Of != of))
            throw new InvalidDataException($"{cellPath}: shards of different splits ({string.Join(", ", files.Select(f => f.Shard))}).");
        var missingShards = Enumerable.Range(1, of).Except(files.Select(f => f.Shard.Number)).ToList();
        if (missingShards.Count > 0) throw new InvalidDataException($"{cellPath}: shard(s) {string.Join(", ", missingShards.Select(n => $"{n}/{of}"))} missing.");

        var images = IndexRanges.Parse(identity.Images);
        var shards = files.Select(f => ReadShard(f.Path, f.Shard, cell, identity)).ToList();
        int rowsPerImage = MostCommonRowsPerImage(shards.SelectMany(s => s.Outcomes));
        foreach (var (file, (path, shard)) in shards.Zip(files))
            CheckRows(path, shard, file.Outcomes, shard.Select(images), rowsPerImage);

        if (File.Exists(cellPath) && LedgerFile.Read(cellPath).Header.StaleAgainst(identity).Count == 0)
            throw new InvalidDataException($"{cellPath} is fresh: merge never replaces a fresh cell; its {files.Count} shard files are left as they are " +
                                           "(remove them, or the cell's file to merge them instead).");
        var merged = new LedgerFile(
            identity with
            {
                Shard = "",
                Machine = string.Join(" | ", shards.Select(s => s.Header.Machine).Distinct()),
                Built = shards.Max(s => s.Header.Built)!,
            },
            LedgerFile.Sorted(shards.SelectMany(s => s.Outcomes)));
        return new Prepared(cellPath, merged, [.. files.Select(f => f.Path)]);
    }

    /// <summary>A checked merge, written by <see cref="Commit"/>.</summary>
    public sealed record Prepared(string CellPath, LedgerFile Merged, IReadOnlyList<string> ShardPaths)
    {
        /// <summary>Writes the cell's file and removes the shard files only once it reads back equal, so that no
        /// outcome exists nowhere.</summary>
        public void Commit()
        {
            Merged.Write(CellPath);
            var written = LedgerFile.Read(CellPath);
            if (written.Header != Merged.Header || !written.Outcomes.SequenceEqual(Merged.Outcomes))
                throw new IOException($"{CellPath}: the merged file reads back different from what was written; its shard files are kept.");
            foreach (var path in ShardPaths) File.Delete(path);
        }
    }

    static LedgerFile ReadShard(string path, LedgerShard shard, LedgerCell cell, LedgerHeader identity)
    {
        RequireLastRowWhole(path);
        var file = LedgerFile.Read(path);
        if (file.Header.Shard != shard.ToString()) throw new InvalidDataException($"{path}: its header says shard '{file.Header.Shard}', its name {shard}.");
        if (file.Header.Cell != identity.Cell) throw new InvalidDataException($"{path}: a shard of {file.Header.Cell}, not of {identity.Cell}.");
        if (file.Header.StaleAgainst(identity) is { Count: > 0 } reasons)
            throw new InvalidDataException($"{path}: stale shard, {string.Join("; ", reasons)}; rebuild it with `{cell.BuildCommand} --shard {shard}`.");
        return file;
    }

    /// <summary>A row cut inside its last field still parses ("-25.0203" for "-25.020369"); every file the ledger
    /// writes ends with a newline, so one that does not was cut.</summary>
    static void RequireLastRowWhole(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length > 0 && stream.Seek(-1, SeekOrigin.End) >= 0 && stream.ReadByte() == '\n') return;
        throw new InvalidDataException($"{path}: does not end with a newline, so its last row was cut; rebuild the shard.");
    }

    /// <summary>Samples per image: 1, or a targeted attack's targets. An image cut short shows as one with fewer.</summary>
    static int MostCommonRowsPerImage(IEnumerable<AttackOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Index).Select(g => g.DistinctBy(o => o.Target).Count()).GroupBy(n => n).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault(1);

    /// <summary>The shard holds exactly its block of the cell's images, each sample once and each image whole.</summary>
    static void CheckRows(string path, LedgerShard shard, IReadOnlyList<AttackOutcome> outcomes, IReadOnlyList<int> block, int rowsPerImage)
    {
        var problems = outcomes.GroupBy(o => (o.Index, o.Target)).Where(g => g.Count() > 1).Take(3)
            .Select(g => g.Key.Target is { } target ? $"image {g.Key.Index}'s row for target {target} is there twice" : $"image {g.Key.Index}'s row is there twice")
            .ToList();
        var held = outcomes.Select(o => o.Index).ToHashSet();
        var missing = block.Where(i => !held.Contains(i)).ToList();
        var foreign = held.Except(block).ToList();
        if (missing.Count > 0) problems.Add($"images {IndexRanges.Format(missing)} missing");
        if (foreign.Count > 0) problems.Add($"images {IndexRanges.Format(foreign)} are not shard {shard}'s ({IndexRanges.Format(block)})");
        problems.AddRange(outcomes.GroupBy(o => o.Index).Where(g => g.DistinctBy(o => o.Target).Count() != rowsPerImage).Take(3)
                                  .Select(g => $"image {g.Key} has {g.DistinctBy(o => o.Target).Count()} rows, the cell's images {rowsPerImage}"));
        if (problems.Count > 0) throw new InvalidDataException($"{path}: {string.Join("; ", problems)}.");
    }
}
