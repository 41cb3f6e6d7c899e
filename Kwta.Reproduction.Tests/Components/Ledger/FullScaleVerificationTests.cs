using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>A full-scale cell is re-verified on the fixtures, the official test set's first 1000 images.</summary>
public class FullScaleVerificationTests : ScratchDirectoryTest
{
    /// <summary>A full-scale cell made from the committed fixtures cell: the same attack on the same first 1000 images,
    /// as a full build's first rows would be, and rows for 4000 more images (copies, which the fixtures cannot check),
    /// with another data hash; its digest recorded as a build would.</summary>
    PlannedCell FullCellFromFixtures(Func<string, string> editAttack)
    {
        var fixtures = LedgerPlan.Cells(LedgerScale.Fixtures, [ModelFamily.Mnist]).First(c => c.Table.Column == ResultColumn.Pgd);
        var full = LedgerPlan.Cells(LedgerScale.Full, [ModelFamily.Mnist]).First(c => c.Ledger.Model == fixtures.Ledger.Model && c.Table.Column == ResultColumn.Pgd);
        var file = LedgerFile.Read(fixtures.Ledger.PathIn(RepositoryLayout.Ledger));
        var header = file.Header with
        {
            Cell = full.Ledger.ToString(), Attack = editAttack(file.Header.Attack), Images = "0-4999", DataSha256 = new string('0', 64),
        };
        var beyondFixtures = Enumerable.Range(1000, 4000).Select(i => file.Outcomes[i % 1000] with { Index = i });
        new LedgerFile(header, [.. file.Outcomes, .. beyondFixtures]).Write(full.Ledger.PathIn(scratch));
        LedgerDigests.Record(full.Ledger, scratch);
        return full;
    }

    [Test]
    public void A_full_scale_cell_is_re_verified_on_the_fixture_images_it_holds()
    {
        var cell = FullCellFromFixtures(attack => attack);

        var agreement = CellVerifier.VerifyOnFixtures(cell, TestData.Mnist, RepositoryLayout.Models, scratch);

        agreement.Agrees.Should().BeTrue(agreement.ToString());
        agreement.Sample.Should().NotBeEmpty().And.OnlyContain(s => s.Index < TestData.Mnist.Count, "only the fixture images are recomputed");
    }

    [Test]
    public void A_full_scale_cell_of_other_attack_settings_is_stale_even_though_the_fixtures_cannot_check_its_data()
    {
        var cell = FullCellFromFixtures(attack => attack.Replace("step=0.01", "step=0.02"));

        FluentActions.Invoking(() => CellVerifier.VerifyOnFixtures(cell, TestData.Mnist, RepositoryLayout.Models, scratch))
            .Should().Throw<StaleLedgerException>().WithMessage("*the attack's settings changed*");
    }
}
