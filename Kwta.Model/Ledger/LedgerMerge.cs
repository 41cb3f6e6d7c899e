using Kwta.Model.Models;

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

        var shards = files.Select(f => ReadShard(f.Path, f.Shard, cell, identity)).ToList();
        // Re-verification runs one form per cell (ForwardPaths.Of), and rows of the other would not repeat on it.
        var forms = files.Zip(shards).GroupBy(p => ForwardPaths.Of(p.Second.Header.Machine)).ToList();
        if (forms.Count > 1)
            throw new InvalidDataException($"{cellPath}: shards built on different forms of the model (" +
                string.Join("; ", forms.Select(g => $"{ForwardPaths.Name(g.Key)}: {string.Join(", ", g.Select(p => p.First.Shard))}")) + "); rebuild them on one.");
        CheckRowsPerImage([.. files.Select(f => f.Path).Zip(shards)]);

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
        var file = LedgerFile.Read(path);
        if (file.Header.Shard != shard.ToString()) throw new InvalidDataException($"{path}: its header says shard '{file.Header.Shard}', its name {shard}.");
        if (file.Header.Cell != identity.Cell) throw new InvalidDataException($"{path}: a shard of {file.Header.Cell}, not of {identity.Cell}.");
        if (file.Header.StaleAgainst(identity) is { Count: > 0 } reasons)
            throw new InvalidDataException($"{path}: stale shard, {string.Join("; ", reasons)}; rebuild it with `{cell.BuildCommand} --shard {shard}`.");
        return file;
    }

    /// <summary>Every shard attacks each image towards as many targets as the first (one row per image for an untargeted
    /// attack). The reader (<see cref="LedgerRows"/>) has checked each shard alone: its own block of images, each sample
    /// once, and the same number of rows for each of its images.</summary>
    static void CheckRowsPerImage(IReadOnlyList<(string Path, LedgerFile File)> shards)
    {
        static int RowsPerImage(LedgerFile file) => file.Outcomes.Count(o => o.Index == file.Outcomes[0].Index);
        int expected = RowsPerImage(shards[0].File);
        foreach (var (path, file) in shards.Skip(1))
            if (file.Outcomes.Count > 0 && RowsPerImage(file) != expected)
                throw new InvalidDataException($"{path}: {RowsPerImage(file)} rows per image, shard {shards[0].File.Header.Shard} {expected}.");
    }
}
