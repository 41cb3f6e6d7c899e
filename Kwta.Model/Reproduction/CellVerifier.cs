using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Ledger;
using Kwta.Model.Models;

namespace Kwta.Model.Reproduction;

/// <summary>Re-verifies a cell: recomputes its verification sample with the code's attack and the model's weights and
/// compares it with the file, image by image, to the margins' last digits on the CPU the file was built on and within the cross-CPU
/// tolerance elsewhere (<see cref="VerificationRules"/>, <see cref="VerificationStrata.RepeatsOnItsCpu"/>), on the form of the model
/// the file was built on (<see cref="ForwardPaths.Of"/>).</summary>
public static class CellVerifier
{
    /// <exception cref="StaleLedgerException">The file was built from other settings, weights or data.</exception>
    /// <param name="strata">The sample to recompute; by default the test run's (<see cref="PlannedCell.Verification"/>).</param>
    /// <param name="forward">The form to recompute on; by default the one the file names. Another is compared as across CPUs.</param>
    public static CellAgreement Verify(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory,
                                       VerificationStrata? strata = null, ForwardPath? forward = null)
    {
        var file = CellReader.Read(planned, CellIdentity.Of(planned, images, modelsDirectory), images, ledgerDirectory);
        return Compare(planned, images, file, planned.Table.ImageIndices, modelsDirectory, strata ?? planned.Verification, forward);
    }

    /// <summary>
    /// Re-verifies a full-scale cell on <paramref name="fixtures"/>, the official test set's first images, so that every
    /// test run checks full-scale cells without the official data: the sample is drawn among the cell's images the
    /// fixtures hold, and the file must match the code's attack and the model's weights, and the fixtures' labels on the
    /// sample. Its images and data lines cover images the fixtures lack: `kwta ledger verify --scale full --data DIR` checks them.
    /// </summary>
    /// <exception cref="StaleLedgerException">The file was built from other attack settings or weights.</exception>
    public static CellAgreement VerifyOnFixtures(PlannedCell planned, LabeledImages fixtures, string modelsDirectory, string ledgerDirectory)
    {
        if (planned.Scale != LedgerScale.Full) throw new ArgumentException($"{planned.Ledger} is not a full-scale cell.", nameof(planned));
        var identity = CellIdentity.Of(planned, fixtures, modelsDirectory, fixturesOnly: true);
        var recorded = LedgerFile.Read(planned.Ledger.PathIn(ledgerDirectory)).Header;
        var file = CellReader.Read(planned, identity with { Header = identity.Header with { Images = recorded.Images, DataSha256 = recorded.DataSha256 } },
                                   fixtures, ledgerDirectory);
        return Compare(planned, fixtures, file, [.. planned.Table.ImageIndices.Where(i => i < fixtures.Count)], modelsDirectory, planned.Verification);
    }

    /// <summary>The file's outcomes against a recomputation of the cell's sample of <paramref name="eligible"/>.</summary>
    static CellAgreement Compare(PlannedCell planned, LabeledImages images, LedgerFile file, IReadOnlyList<int> eligible, string modelsDirectory,
                                 VerificationStrata strata, ForwardPath? forward = null)
    {
        var sample = strata.Choose(file.Outcomes, eligible, LedgerVerification.SampleSeed(planned.Ledger.ToString()));
        var built = ForwardPaths.Of(file.Header.Machine);
        using var cell = new CellAttack(planned, images, modelsDirectory, forward ?? built);
        var recomputed = RobustAccuracy.Evaluate(cell.Model, cell.Attack, images, [.. sample.Select(s => s.Index)], LedgerPlan.Settings(planned.Scale).BatchSize).Outcomes;
        bool repeats = strata.RepeatsOnItsCpu && (forward ?? built) == built;
        return LedgerVerification.Compare(planned.Ledger.ToString(), file.Outcomes, recomputed, sample, repeats ? VerificationRules.For(file.Header.Machine) : VerificationRule.AcrossCpus);
    }
}
