using System.Text.RegularExpressions;

namespace Kwta.Model.Persistence;

/// <summary>A model or run name becomes a file or folder name (NAME.dat, logs/NAME.csv, runs/NAME), so only plain
/// names are accepted: none can point outside the folder it is meant for.</summary>
public static partial class ModelName
{
    public static string Validate(string name) => PlainName().IsMatch(name)
        ? name
        : throw new ArgumentException($"'{name}' is not a valid model name: use letters, digits, '.', '_' and '-', starting with a letter or digit.", nameof(name));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex PlainName();
}
