namespace Kwta.Model.IO;

/// <summary>Verify's file conventions for snapshot tables: <c>expected/NAME.verified.md</c> is the
/// accepted version; a run that disagrees writes <c>NAME.received.md</c> beside it.</summary>
public static class SnapshotFiles
{
    public static string Verified(string directory, string name) => Path.Combine(directory, $"{name}.verified.md");
    public static string Received(string directory, string name) => Path.Combine(directory, $"{name}.received.md");

    /// <summary>Promotes every received snapshot to verified; returns the names promoted.</summary>
    public static IReadOnlyList<string> AcceptAll(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: snapshot folder does not exist.");
        var accepted = new List<string>();
        foreach (var received in Directory.GetFiles(directory, "*.received.md").Order())
        {
            var name = Path.GetFileName(received)[..^".received.md".Length];
            File.Move(received, Verified(directory, name), overwrite: true);
            accepted.Add(name);
        }
        return accepted;
    }
}
