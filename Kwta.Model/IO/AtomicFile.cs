using System.Text;

namespace Kwta.Model.IO;

/// <summary>Writes go to a temporary sibling and are renamed into place, so a crash or Ctrl-C
/// never leaves a half-written file under the final name. The temporary file is created exclusively
/// (O_CREAT | O_EXCL, which also refuses an existing symlink) under an unpredictable name, so nothing
/// planted beside the target can redirect the write. Failures name the target.</summary>
public static class AtomicFile
{
    /// <summary>For writers that open the file themselves (TorchSharp's savers): the temporary name is reserved first.</summary>
    public static void Write(string path, Action<string> writeTemporary) =>
        Write(path, (temporary, stream) =>
        {
            stream.Dispose();
            writeTemporary(temporary);
        });

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, (_, stream) => stream.Write(bytes));

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

    static void Write(string path, Action<string, FileStream> write)
    {
        var target = OutputPath.FileTarget(path);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                write(temporary, stream);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{target}: cannot write it ({e.Message})", e);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
