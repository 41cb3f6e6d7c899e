namespace Kwta.Model.Ledger;

/// <summary>A ledger file that cannot be read, naming the file and the line.</summary>
public sealed class LedgerFormatException(string path, int line, string problem) : FormatException($"{path}:{line}: {problem}")
{
    public string FilePath { get; } = path;
}
