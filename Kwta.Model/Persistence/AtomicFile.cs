namespace Kwta.Model.Persistence;

/// <summary>Writes go to a temporary sibling and are renamed into place, so a crash or Ctrl-C
/// never leaves a half-written file under the final name.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<string> writeTemporary)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, t => File.WriteAllBytes(t, bytes));

    public static void WriteAllText(string path, string text) => Write(path, t => File.WriteAllText(t, text));
}
