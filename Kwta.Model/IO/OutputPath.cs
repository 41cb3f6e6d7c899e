namespace Kwta.Model.IO;

/// <summary>Checks an output path before the work that fills it, so a long run never ends on an error
/// it could have reported first: every failure names the path and what is wrong with it.</summary>
public static class OutputPath
{
    /// <summary>The full path of a file to be written: not a folder, and under a folder that exists and takes a new
    /// file (probed with an exclusive, unpredictably named file that is removed at once) or can be created.</summary>
    public static string CheckFile(string path)
    {
        var full = FileTarget(path);
        CheckFolder(Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>The full path of a file to be written, refused if it names a folder.</summary>
    public static string FileTarget(string path)
    {
        var full = Path.GetFullPath(path);
        return Directory.Exists(full) ? throw new IOException($"{full} is a folder; name a file to write.") : full;
    }

    /// <summary>The full path of a folder to write into: it exists and takes a new file, or its nearest existing
    /// ancestor is a folder that does (nothing is created).</summary>
    public static string CheckFolder(string path)
    {
        var full = Path.GetFullPath(path);
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new IOException($"{full}: {existing} is a file, not a folder.");
            existing = Path.GetDirectoryName(existing)!;
        }
        var probe = Path.Combine(existing, $".kwta-probe.{Guid.NewGuid():N}");
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{full}: cannot write in {existing} ({e.Message})", e);
        }
        return full;
    }
}
