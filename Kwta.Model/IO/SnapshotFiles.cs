namespace Kwta.Model.IO;

/// <summary>Verify's file conventions for snapshots: <c>expected/NAME.verified.EXT</c> is the accepted version (EXT is
/// <c>md</c> for tables, <c>csv</c> for the attack fingerprints); a run that disagrees writes <c>NAME.received.EXT</c> beside it.</summary>
public static class SnapshotFiles
{
    public const string Markdown = "md";

    public static string Verified(string directory, string name, string extension = Markdown) =>
        Path.Combine(directory, $"{name}.verified.{extension}");

    public static string Received(string directory, string name, string extension = Markdown) =>
        Path.Combine(directory, $"{name}.received.{extension}");

    /// <summary>Promotes every received snapshot, of any extension, to verified; returns the names promoted.</summary>
    public static IReadOnlyList<string> AcceptAll(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: snapshot folder does not exist.");
        var accepted = new List<string>();
        foreach (var received in Directory.GetFiles(directory, "*.received.*").Order())
        {
            var file = Path.GetFileName(received);
            var extension = Path.GetExtension(file)[1..];
            var name = file[..^$".received.{extension}".Length];
            File.Move(received, Verified(directory, name, extension), overwrite: true);
            accepted.Add(name);
        }
        return accepted;
    }
}
