using System.Globalization;
using Kwta.Model.IO;

namespace Kwta.Model.Ledger;

/// <summary>One run of `kwta ledger build` on one cell (or shard): how many images it attacked and what that cost.</summary>
/// <param name="Cell">SCALE/MODEL/ATTACK.</param>
/// <param name="Shard">"i/n", or "1/1" for a whole cell.</param>
/// <param name="Images">Images attacked in this run (not those resumed from a partial file).</param>
/// <param name="CpuSeconds">The process's CPU time over the run, every thread.</param>
/// <param name="Machine">The cell's machine line: CPU, numerics and the model's form.</param>
public sealed record BuildRun(string Cell, string Shard, int Images, double WallSeconds, double CpuSeconds, int Threads, string Machine, string Finished)
{
    public string Format() => string.Join('\t', Cell, Shard, Images.ToString(CultureInfo.InvariantCulture),
        WallSeconds.ToString("F1", CultureInfo.InvariantCulture), CpuSeconds.ToString("F1", CultureInfo.InvariantCulture),
        Threads.ToString(CultureInfo.InvariantCulture), Machine, Finished);
}

/// <summary>
/// The ledger's build log, LEDGER/build-log.tsv: a row per build run of a cell, appended when the run ends, so that a
/// rebuild can be planned from what the cells cost (<see cref="CellCost"/>). A run killed before its end logs
/// nothing; its images are attacked again, and logged, by the run that resumes it.
/// </summary>
public static class BuildLog
{
    public const string FileName = "build-log.tsv";
    const string Header = "cell\tshard\timages\twall_seconds\tcpu_seconds\tthreads\tmachine\tfinished";

    public static string PathIn(string ledgerDirectory) => Path.Combine(ledgerDirectory, FileName);

    /// <summary>Adds <paramref name="run"/> to the log, rewriting it atomically: a kill leaves the old log or the new one.</summary>
    public static void Append(string ledgerDirectory, BuildRun run)
    {
        var path = PathIn(ledgerDirectory);
        var lines = File.Exists(path) ? [.. File.ReadAllLines(path)] : new List<string> { Header };
        lines.Add(run.Format());
        AtomicFile.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    /// <summary>Every run logged in <paramref name="ledgerDirectory"/>; none where it has no log.</summary>
    /// <exception cref="LedgerFormatException">A line is not a run.</exception>
    public static IReadOnlyList<BuildRun> Read(string ledgerDirectory)
    {
        var path = PathIn(ledgerDirectory);
        if (!File.Exists(path)) return [];
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) throw new LedgerFormatException(path, 1, $"expected the header '{Header.Replace('\t', ' ')}'.");
        var runs = new List<BuildRun>();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split('\t');
            if (f.Length != 8
                || !int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out int images)
                || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double wall)
                || !double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double cpu)
                || !int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out int threads))
                throw new LedgerFormatException(path, i + 1, "expected cell, shard, images, wall seconds, CPU seconds, threads, machine and time, tab-separated.");
            runs.Add(new BuildRun(f[0], f[1], images, wall, cpu, threads, f[6], f[7]));
        }
        return runs;
    }
}
