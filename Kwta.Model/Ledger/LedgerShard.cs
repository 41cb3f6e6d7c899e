using System.Globalization;

namespace Kwta.Model.Ledger;

/// <summary>Shard <see cref="Number"/> of <see cref="Of"/> (1-based): the <see cref="Number"/>-th of <see cref="Of"/>
/// contiguous, nearly equal blocks of a cell's images. An image's outcome does not depend on its shard (its
/// randomness comes from its index), so merged shards equal one unsharded run.</summary>
public sealed record LedgerShard(int Number, int Of)
{
    public static readonly LedgerShard Whole = new(1, 1);

    public bool IsWhole => Of == 1;

    public static LedgerShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var of)
            && of >= 1 && number >= 1 && number <= of)
            return new LedgerShard(number, of);
        // No parameter name: callers put the message after the option or the file line the text came from.
        throw new ArgumentException($"shard '{text}' is not I/N with 1 ≤ I ≤ N.");
    }

    public IReadOnlyList<int> Select(IReadOnlyList<int> images)
    {
        int first = (int)((long)images.Count * (Number - 1) / Of), end = (int)((long)images.Count * Number / Of);
        return [.. images.Skip(first).Take(end - first)];
    }

    /// <summary>The shard's file beside the cell's: ATTACK.shard-I-of-N.csv.</summary>
    public string PathFor(string cellPath) => IsWhole ? cellPath : Path.ChangeExtension(cellPath, $".shard-{Number}-of-{Of}.csv");

    /// <summary>The shard files beside the cell's, whatever their split, as <see cref="PathFor"/> names them.</summary>
    public static IReadOnlyList<(string Path, LedgerShard Shard)> FilesBeside(string cellPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(cellPath))!;
        if (!Directory.Exists(directory)) return [];
        var prefix = $"{Path.GetFileNameWithoutExtension(cellPath)}.shard-";
        return [.. Directory.GetFiles(directory, $"{prefix}*-of-*.csv").Select(path => (path, Named(path, prefix))).OrderBy(f => f.Item2.Of).ThenBy(f => f.Item2.Number)];
    }

    static LedgerShard Named(string path, string prefix)
    {
        var name = Path.GetFileNameWithoutExtension(path)[prefix.Length..];
        try
        {
            return Parse(name.Replace("-of-", "/"));
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a shard file's name (ATTACK.shard-I-of-N.csv with 1 ≤ I ≤ N).");
        }
    }

    public override string ToString() => $"{Number}/{Of}";
}
