using System.Globalization;
using System.Text;
using Kwta.Model.IO;

namespace Kwta.Model.Ledger;

/// <summary>
/// The reviewed sha256 of every finished cell file, kept in LEDGER/SHA256SUMS in <c>sha256sum</c>'s format
/// ("HEX  SCALE/MODEL/ATTACK.csv", so <c>sha256sum -c SHA256SUMS</c> checks it by hand too). A build or a merge records
/// the digest of the file it writes, so the digest changes in the same commit as the rows and a reviewer sees both;
/// a row edited by hand afterwards no longer matches, and reading the cell fails naming it and the command that
/// rebuilds it.
/// </summary>
public static class LedgerDigests
{
    public const string FileName = "SHA256SUMS";

    /// <summary>How long a build waits for another process that is recording a digest in the same ledger (each
    /// holds the lock for one rewrite of a small file).</summary>
    static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    public static string PathIn(string ledgerDirectory) => Path.Combine(ledgerDirectory, FileName);

    /// <summary>Every recorded digest by cell path relative to the ledger folder ('/'-separated); empty if the file is absent.</summary>
    public static IReadOnlyDictionary<string, string> Load(string ledgerDirectory)
    {
        var path = PathIn(ledgerDirectory);
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return digests;
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split("  ", 2);
            if (parts.Length != 2 || parts[0].Length != 64 || !parts[0].All(Uri.IsHexDigit))
                throw new LedgerFormatException(path, i + 1, "expected 'SHA256  SCALE/MODEL/ATTACK.csv' (sha256sum's format).");
            if (!digests.TryAdd(parts[1], parts[0])) throw new LedgerFormatException(path, i + 1, $"{parts[1]} is listed twice.");
        }
        return digests;
    }

    /// <summary>Refuses <paramref name="cell"/>'s file unless its content has the digest recorded for it.</summary>
    /// <exception cref="TamperedLedgerException">No digest is recorded, or the file's differs.</exception>
    public static void Check(LedgerCell cell, string ledgerDirectory)
    {
        var path = cell.PathIn(ledgerDirectory);
        var actual = Sha256.OfFile(path);
        if (!Load(ledgerDirectory).TryGetValue(Key(cell), out var recorded))
            throw new TamperedLedgerException(path, $"no digest for it in {PathIn(ledgerDirectory)}, which a build or merge writes", cell.BuildCommand);
        if (recorded != actual)
            throw new TamperedLedgerException(path, $"its content (sha256 {actual[..12]}…) differs from the reviewed digest in {PathIn(ledgerDirectory)} ({recorded[..12]}…): it was edited after it was built", cell.BuildCommand);
    }

    /// <summary>Records the digest of <paramref name="cell"/>'s file as it is now, replacing any earlier one.</summary>
    public static void Record(LedgerCell cell, string ledgerDirectory)
    {
        var digest = Sha256.OfFile(cell.PathIn(ledgerDirectory));
        using var held = WaitForLock(ledgerDirectory);
        var digests = new SortedDictionary<string, string>(Load(ledgerDirectory).ToDictionary(), StringComparer.Ordinal) { [Key(cell)] = digest };
        var text = new StringBuilder();
        foreach (var (file, sha) in digests) text.Append(CultureInfo.InvariantCulture, $"{sha}  {file}\n");
        AtomicFile.WriteAllText(PathIn(ledgerDirectory), text.ToString());
    }

    static string Key(LedgerCell cell) => cell.RelativePath.Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>SHA256SUMS is rewritten whole, so two processes recording at once would lose one digest: each waits for
    /// an exclusive handle on SHA256SUMS.lock first.</summary>
    static FileStream WaitForLock(string ledgerDirectory)
    {
        var path = PathIn(ledgerDirectory) + ".lock";
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
