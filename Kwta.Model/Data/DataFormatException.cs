namespace Kwta.Model.Data;

/// <summary>A data file that is missing or malformed; the message names the file and the problem.</summary>
public sealed class DataFormatException(string path, string problem)
    : IOException($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
