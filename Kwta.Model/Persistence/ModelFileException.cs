namespace Kwta.Model.Persistence;

/// <summary>A model file that cannot be used: missing, truncated, wrong checksum or wrong architecture.</summary>
public sealed class ModelFileException(string path, string problem, Exception? inner = null)
    : IOException($"{path}: {problem}", inner)
{
    public string FilePath { get; } = path;
}
