using Kwta.Model.Claims;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

public class LedgerResultsTests : ScratchDirectoryTest
{
    [Test]
    public void A_family_whose_ledger_is_half_built_is_refused_naming_the_missing_cells_rather_than_run_or_read()
    {
        var pgd = LedgerPlan.Cells(LedgerScale.Fixtures, [ModelFamily.Mnist]).First(c => c.Table.Column == ResultColumn.Pgd);
        new LedgerFile(new LedgerHeader(pgd.ToString(), "a", "0-999", "b", "c", "d", "e"), []).Write(pgd.Ledger.PathIn(scratch));
        var run = ReproductionRun.OnFixtures(RepositoryLayout.Fixtures, RepositoryLayout.Models, scratch);

        var decide = () => run.Run(ModelFamily.Mnist);

        decide.Should().Throw<FileNotFoundException>()
              .WithMessage($"*the fixtures ledger of mnist-cnn lacks {LedgerPlan.Cells(LedgerScale.Fixtures, [ModelFamily.Mnist]).Count - 1} of its*mnist-cnn-relu/pgd-seed-foolbox*kwta ledger build --scale fixtures --family mnist-cnn*");
    }

    [Test]
    public void The_ledger_plan_has_one_cell_per_model_and_attack_column_with_the_adaptive_attacks_on_k_WTA_only()
    {
        var cells = LedgerPlan.Cells(LedgerScale.Fixtures, ModelFamily.All);

        // Per family: 3 models × (PGD, seed-foolbox PGD, DeepFool, VGA and the four masking attacks)
        // + 2 k-WTA models × (transfer, BPDA, finite differences).
        cells.Should().HaveCount(ModelFamily.All.Count * (3 * (4 + 4) + 2 * 3));
        cells.Select(c => c.Ledger.ToString()).Should().OnlyHaveUniqueItems();
        cells.Where(c => c.Table.Column.KwtaOnly()).Should().OnlyContain(c => c.Table.Activation != Model.Activations.ActivationSpec.Relu);
        cells.Should().OnlyContain(c => c.Table.Images == (c.Table.Column == ResultColumn.Vga ? 320 : 1000));
    }
}
