using Kwta.Model.IO;
using Kwta.Model.Ledger;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// The committed ledger is exactly what its builds wrote: every cell file has the digest a build or merge recorded in
/// expected/ledger/SHA256SUMS, and every digest there names a committed file. A row edited by hand, a file added without
/// a build, or a cell deleted fails here, naming the cell.
/// </summary>
public class LedgerDigestTests
{
    static IEnumerable<TestCaseData> CommittedFiles() =>
        from path in Directory.EnumerateFiles(RepositoryLayout.Ledger, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        let relative = Path.GetRelativePath(RepositoryLayout.Ledger, path)
        let parts = relative.Split(Path.DirectorySeparatorChar)
        select new TestCaseData(new LedgerCell(LedgerScales.Parse(parts[0]), parts[1], Path.GetFileNameWithoutExtension(parts[2])))
            .SetName($"Ledger file {relative.Replace(Path.DirectorySeparatorChar, '/')} has its reviewed digest");

    [TestCaseSource(nameof(CommittedFiles))]
    public void Ledger_file_has_its_reviewed_digest(LedgerCell cell) => LedgerDigests.Check(cell, RepositoryLayout.Ledger);

    [Test]
    public void Every_reviewed_digest_names_a_committed_ledger_file() =>
        LedgerDigests.Load(RepositoryLayout.Ledger).Keys.Where(file => !File.Exists(Path.Combine(RepositoryLayout.Ledger, file)))
            .Should().BeEmpty($"each line of {LedgerDigests.PathIn(RepositoryLayout.Ledger)} names a cell file that is committed");
}
