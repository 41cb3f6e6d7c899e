namespace Kwta.Model.Persistence;

/// <summary>Where the repository's shipped folders are, found from the running binary or the working directory.</summary>
public static class RepositoryLayout
{
    const string Marker = "Kwta.slnx";

    public static string Root => FindRoot()
        ?? throw new DirectoryNotFoundException(
            $"Cannot find the repository root (a folder holding {Marker}) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; pass the folders explicitly.");

    public static string Fixtures => Path.Combine(Root, "fixtures");
    public static string Models => Path.Combine(Root, "models");
    public static string Expected => Path.Combine(Root, "expected");

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
