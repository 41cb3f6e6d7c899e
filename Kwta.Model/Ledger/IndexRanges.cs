using System.Globalization;

namespace Kwta.Model.Ledger;

/// <summary>A sorted set of image indices written as ranges, "0-199,204,210-212": how a ledger header names its images.</summary>
public static class IndexRanges
{
    public static string Format(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? Invariant(sorted[i]) : $"{Invariant(sorted[i])}-{Invariant(sorted[j])}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    public static int[] Parse(string text)
    {
        var indices = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            int first = Number(bounds[0], text), last = bounds.Length == 2 ? Number(bounds[1], text) : first;
            if (bounds.Length > 2 || last < first) throw new FormatException($"'{part}' in '{text}' is not an index or a range FIRST-LAST.");
            for (int i = first; i <= last; i++) indices.Add(i);
        }
        return [.. indices];
    }

    static int Number(string text, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"'{text}' in '{whole}' is not an image index.");

    static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
