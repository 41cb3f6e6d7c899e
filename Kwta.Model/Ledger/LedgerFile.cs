using System.Globalization;
using System.Text;
using Kwta.Model.Evaluation;
using Kwta.Model.IO;

namespace Kwta.Model.Ledger;

/// <summary>
/// A ledger file: a <see cref="LedgerHeader"/> of "# key: value" lines, then one CSV row per attacked sample
/// (image, or (image, target) pair for a targeted attack), sorted by image and target, as <see cref="AttackReport.CsvRow"/> writes it.
/// </summary>
public sealed record LedgerFile(LedgerHeader Header, IReadOnlyList<AttackOutcome> Outcomes)
{
    public const string ColumnsLine = AttackReport.CsvColumns;

    /// <summary>The line of the first row in the file it was read from, for errors that name a row's line.</summary>
    public int FirstRowLine { get; init; }

    public static LedgerFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such ledger file.", path);
        var text = File.ReadAllText(path);
        var lines = text.Split('\n')[..^1].Select(l => l.TrimEnd('\r')).ToArray();
        if (!text.EndsWith('\n')) throw new LedgerFormatException(path, lines.Length + 1, "the last line has no line end: the file was cut short.");
        int headerLines = lines.TakeWhile(l => l.StartsWith('#')).Count();
        var header = LedgerHeader.Parse(lines[..headerLines], path);
        if (lines.Length == headerLines || lines[headerLines] != ColumnsLine)
            throw new LedgerFormatException(path, headerLines + 1, $"expected the columns line '{ColumnsLine}'.");
        // Stryker disable once Arithmetic : only the list's initial capacity.
        var outcomes = new List<AttackOutcome>(lines.Length - headerLines - 1);
        for (int i = headerLines + 1; i < lines.Length; i++)
            outcomes.Add(ParseRow(lines[i], path, i + 1));
        var file = new LedgerFile(header, outcomes) { FirstRowLine = headerLines + 2 };
        LedgerRows.CheckStructure(file, path);
        return file;
    }

    /// <summary>Written whole under a temporary name and renamed into place: a kill never leaves half a file.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, Format());

    public string Format()
    {
        var text = new StringBuilder(Header.Format()).AppendLine(ColumnsLine);
        foreach (var o in Sorted(Outcomes)) text.Append(AttackReport.CsvRow(o)).Append('\n');
        return text.ToString();
    }

    public static IReadOnlyList<AttackOutcome> Sorted(IEnumerable<AttackOutcome> outcomes) =>
        // Stryker disable once Unary : a file's rows are all targeted or all not, so a missing target never meets a present one.
        [.. outcomes.OrderBy(o => o.Index).ThenBy(o => o.Target ?? -1)];

    static AttackOutcome ParseRow(string line, string path, int lineNumber)
    {
        var fields = line.Split(',');
        if (fields.Length != 7) throw new LedgerFormatException(path, lineNumber, $"expected 7 fields ({ColumnsLine}), found {fields.Length}.");
        int Int(int field) => int.TryParse(fields[field], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw new LedgerFormatException(path, lineNumber, $"'{fields[field]}' is not an integer.");
        float Real(int field) => float.TryParse(fields[field], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new LedgerFormatException(path, lineNumber, $"'{fields[field]}' is not a number.");
        return new AttackOutcome(Int(0), Int(1), fields[2].Length == 0 ? null : Int(2), Int(3), Int(4), Real(5), Real(6));
    }
}
