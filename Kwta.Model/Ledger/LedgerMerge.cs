namespace Kwta.Model.Ledger;

/// <summary>Joins a cell's shard files (ATTACK.shard-I-of-N.csv, built anywhere) into the cell's file. Every shard of
/// the same N must be there with the same identity, and every image of the cell must be in exactly one of them;
/// anything else is an error naming the images. The shard files are removed once the joined file is written.</summary>
public static class LedgerMerge
{
    public static bool HasShards(string cellPath) => ShardPaths(cellPath).Length > 0;

    static string[] ShardPaths(string cellPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(cellPath))!;
        return Directory.Exists(directory) ? Directory.GetFiles(directory, $"{Path.GetFileNameWithoutExtension(cellPath)}.shard-*-of-*.csv") : [];
    }

    public static LedgerFile Run(string cellPath)
    {
        var shardPaths = ShardPaths(cellPath);
        if (shardPaths.Length == 0) throw new FileNotFoundException($"{cellPath}: no shard files (CELL.shard-I-of-N.csv) to merge.");
        var shards = shardPaths.Select(LedgerFile.Read).OrderBy(s => LedgerShard.Parse(s.Header.Shard).Number).ToList();
        var parsed = shards.Select(s => LedgerShard.Parse(s.Header.Shard)).ToList();
        int of = parsed[0].Of;
        if (parsed.Any(p => p.Of != of))
            throw new InvalidDataException($"{cellPath}: shards of different splits ({string.Join(", ", parsed.Select(p => p.ToString()).Order())}).");
        var missingShards = Enumerable.Range(1, of).Except(parsed.Select(p => p.Number)).ToList();
        if (missingShards.Count > 0) throw new InvalidDataException($"{cellPath}: shard(s) {string.Join(", ", missingShards.Select(n => $"{n}/{of}"))} missing.");
        var identity = shards[0].Header;
        foreach (var shard in shards.Skip(1))
            if (shard.Header.StaleAgainst(identity) is { Count: > 0 } reasons)
                throw new InvalidDataException($"{cellPath}: shard {shard.Header.Shard} differs from shard {identity.Shard}: {string.Join("; ", reasons)}.");
        CheckEveryImageOnce(cellPath, identity, shards);
        var merged = new LedgerFile(
            identity with
            {
                Shard = "",
                Machine = string.Join(" | ", shards.Select(s => s.Header.Machine).Distinct()),
                Built = shards.Max(s => s.Header.Built)!,
            },
            LedgerFile.Sorted(shards.SelectMany(s => s.Outcomes)));
        merged.Write(cellPath);
        foreach (var path in shardPaths) File.Delete(path);
        return merged;
    }

    static void CheckEveryImageOnce(string cellPath, LedgerHeader identity, IReadOnlyList<LedgerFile> shards)
    {
        var owners = new Dictionary<int, List<string>>();
        foreach (var shard in shards)
            foreach (var index in shard.Outcomes.Select(o => o.Index).Distinct())
                (owners.TryGetValue(index, out var list) ? list : owners[index] = []).Add(shard.Header.Shard);
        var twice = owners.Where(p => p.Value.Count > 1).Select(p => $"image {p.Key} in shards {string.Join(" and ", p.Value)}").ToList();
        var expected = IndexRanges.Parse(identity.Images);
        var missing = expected.Where(i => !owners.ContainsKey(i)).ToList();
        var extra = owners.Keys.Except(expected).ToList();
        var problems = twice.Take(5).ToList();
        if (missing.Count > 0) problems.Add($"images {IndexRanges.Format(missing)} in no shard");
        if (extra.Count > 0) problems.Add($"images {IndexRanges.Format(extra)} not in the cell");
        if (problems.Count > 0) throw new InvalidDataException($"{cellPath}: {string.Join("; ", problems)}.");
    }
}
