namespace Kwta.Model.IO;

/// <summary>Where the repository's shipped folders are, found from the running binary or the working directory.</summary>
public static class RepositoryLayout
{
    const string Marker = "Kwta.slnx";

    /// <summary>Looked up on each use, never at start-up, so code that is given its folders runs outside a clone.</summary>
    public static string Root => FindRoot()
        ?? throw new DirectoryNotFoundException(
            $"no repository (a folder holding {Marker}) is above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");

    public static string Fixtures => Path.Combine(Root, "fixtures");
    public static string Models => Path.Combine(Root, "models");
    public static string Expected => Path.Combine(Root, "expected");
    public static string Ledger => Path.Combine(Expected, "ledger");

    static string? FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        }
        return null;
    }
}
