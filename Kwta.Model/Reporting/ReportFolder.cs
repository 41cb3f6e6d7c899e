namespace Kwta.Model.Reporting;

/// <summary>
/// The folder a report owns. Each report writes <see cref="MarkerFile"/>, listing every file it wrote; a later report
/// replaces the folder only if it is absent, empty, or holds a marker and nothing but the files listed in it. Any
/// other file (a user's, or one added to an earlier report) stops the run before any work, so a report never
/// deletes a file it did not write. The new report is built in a staging folder beside it and moved into place;
/// the old one waits renamed beside it until then, so an interrupted run never leaves a half-written report.
/// </summary>
public static class ReportFolder
{
    public const string MarkerFile = ".kwta-report";
    const string MarkerHeading = "# Written by `kwta reproduce`, with the files below; the next report replaces this folder only if it holds nothing else.";

    /// <summary>Throws unless <paramref name="directory"/> is absent, empty, or holds only the files its marker lists;
    /// first finishes or undoes a replacement a kill interrupted (<see cref="Recover"/>).</summary>
    public static void EnsureReplaceable(string directory)
    {
        Recover(directory);
        var retired = RetiredPath(directory);
        if (Directory.Exists(retired))
            throw new IOException($"{retired} holds files a report did not write; move it away: a report uses that name while it replaces {directory}.");
        var foreign = ForeignEntries(directory);
        if (foreign.Count == 0) return;
        var named = $"{string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", …" : "")}";
        throw new IOException(File.Exists(Path.Combine(directory, MarkerFile))
            ? $"{directory} holds files its report did not write ({named}); a new report replaces the folder, so move them away or choose an empty or new one."
            : $"{directory} is not a report folder (it has no {MarkerFile}) and is not empty ({named}); choose an empty or new one.");
    }

    /// <summary>A new, empty staging folder beside <paramref name="directory"/>, once <see cref="EnsureReplaceable"/> passed.</summary>
    public static string Stage(string directory)
    {
        EnsureReplaceable(directory);
        var retired = RetiredPath(directory);
        var staging = Path.Combine(Path.GetDirectoryName(retired)!, $".{Path.GetFileName(directory.TrimEnd('/'))}.{Guid.NewGuid():N}.staging");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Writes the marker of every file in the finished <paramref name="staging"/> folder and moves it into
    /// place as <paramref name="directory"/>.</summary>
    public static void MoveIntoPlace(string staging, string directory)
    {
        File.WriteAllLines(Path.Combine(staging, MarkerFile), [MarkerHeading, .. Files(staging)]);
        var retired = RetiredPath(directory);
        // The old report is renamed aside, not deleted, until the new one is in place; Recover handles a kill in between.
        if (Directory.Exists(directory)) Directory.Move(directory, retired);
        Directory.Move(staging, directory);
        if (Directory.Exists(retired)) Directory.Delete(retired, recursive: true);
    }

    /// <summary>Every file under <paramref name="directory"/> but the marker, relative, with '/' between folders.</summary>
    static IEnumerable<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => Relative(directory, f)).Where(f => f != MarkerFile).Order(StringComparer.Ordinal);

    static string Relative(string directory, string path) => Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>What in <paramref name="directory"/> its marker does not list: files, and folders holding no file at all.</summary>
    static List<string> ForeignEntries(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var marker = Path.Combine(directory, MarkerFile);
        var listed = File.Exists(marker) ? File.ReadAllLines(marker).Where(l => !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal) : [];
        var files = Files(directory).ToList();
        var emptyFolders = Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Select(d => Relative(directory, d) + "/")
            .Where(folder => !files.Any(file => file.StartsWith(folder, StringComparison.Ordinal)));
        return [.. files.Where(f => !listed.Contains(f)).Concat(emptyFolders)];
    }

    /// <summary>Where the previous report waits, beside the folder, until the new one is in place.</summary>
    static string RetiredPath(string directory)
    {
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.previous");
    }

    /// <summary>After a kill between retiring the old report and moving in the new one, puts the old report back;
    /// after a kill once the new one was in place, deletes the retired copy (if it holds nothing but its report).</summary>
    static void Recover(string directory)
    {
        var retired = RetiredPath(directory);
        if (!Directory.Exists(retired)) return;
        if (!Directory.Exists(directory)) Directory.Move(retired, directory);
        else if (ForeignEntries(retired).Count == 0) Directory.Delete(retired, recursive: true);
    }
}
