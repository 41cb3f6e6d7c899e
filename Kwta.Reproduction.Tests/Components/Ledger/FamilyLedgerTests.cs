using Kwta.Model.Claims;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Persistence;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Ledger;

public class FamilyLedgerTests : ScratchDirectoryTest
{
    /// <summary>A copy of the shipped models folder with its manifest and training logs but none of its weight files.</summary>
    string ModelsWithoutWeights()
    {
        var models = Path.Combine(scratch, "models");
        Directory.CreateDirectory(models);
        File.Copy(Path.Combine(RepositoryLayout.Models, ModelManifest.FileName), Path.Combine(models, ModelManifest.FileName));
        foreach (var log in Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Models, "logs")))
        {
            Directory.CreateDirectory(Path.Combine(models, "logs"));
            File.Copy(log, Path.Combine(models, "logs", Path.GetFileName(log)));
        }
        return models;
    }

    [TestCase("mnist-cnn")]
    [TestCase("alexnet-cifar")]
    public void Reading_a_familys_ledger_loads_no_weights(string name)
    {
        var family = ModelFamily.Get(name);
        var models = ModelsWithoutWeights();
        var manifest = ModelManifest.Load(models);
        manifest.Models.Should().NotBeEmpty().And.OnlyContain(m => !File.Exists(ModelManifest.WeightsPath(m, models)), "the copy holds no weight file");
        FluentActions.Invoking(() => ModelFile.LoadShipped(family.ModelName(ModelFamily.KwtaGamma01), models)).Should().Throw<ModelFileException>();

        var read = FamilyLedger.Load(family, LedgerScale.Fixtures, TestData.Of(family.Dataset), models, RepositoryLayout.Ledger);

        var shipped = FamilyLedger.Load(family, LedgerScale.Fixtures, TestData.Of(family.Dataset), RepositoryLayout.Models, RepositoryLayout.Ledger);
        foreach (var cell in LedgerPlan.Cells(LedgerScale.Fixtures, [family]))
            read.Outcomes(cell.Table.Activation, cell.Table.Column).Should().Equal(shipped.Outcomes(cell.Table.Activation, cell.Table.Column), cell.ToString());
        read.Provenance(ModelFamily.KwtaGamma01, ResultColumn.Transfer).Should().Be(
            LedgerPlan.Cells(LedgerScale.Fixtures, [family]).Single(c => c.Table.Activation == ModelFamily.KwtaGamma01 && c.Table.Column == ResultColumn.Transfer)
                      .Ledger.PathIn(RepositoryLayout.Ledger), "each cell names the file it was read from");
        read.SilentGradients.Should().BeEmpty("the silent gradients need the weights, so the run measures them, not the reader");
    }

    [Test]
    public void A_family_whose_ledger_is_half_built_is_refused_naming_the_missing_cells_rather_than_run_or_read()
    {
        var pgd = LedgerPlan.Cells(LedgerScale.Fixtures, [ModelFamily.Mnist]).First(c => c.Table.Column == ResultColumn.Pgd);
        new LedgerFile(new LedgerHeader(pgd.ToString(), "a", "0-999", "b", "c", "d", "e"), []).Write(pgd.Ledger.PathIn(scratch));
        var run = ReproductionRun.OnFixtures(RepositoryLayout.Fixtures, RepositoryLayout.Models, scratch);

        var decide = () => run.Execute([ModelFamily.Mnist]);

        decide.Should().Throw<FileNotFoundException>()
              .WithMessage($"*the fixtures ledger of mnist-cnn lacks {Required(ModelFamily.Mnist) - 1} of the {Required(ModelFamily.Mnist)} cells its claims rest on*mnist-cnn-relu/pgd-seed-foolbox*kwta ledger build --scale fixtures --family mnist-cnn*");
    }

    static int Required(ModelFamily family) =>
        LedgerPlan.Cells(LedgerScale.Fixtures, [family]).Count(c => !c.Table.Column.IsMaskingIndicator());

    [Test]
    public void A_ledger_without_the_masking_indicators_cells_decides_every_claim_but_C9()
    {
        foreach (var cell in LedgerPlan.Cells(LedgerScale.Fixtures, [ModelFamily.Mnist]).Where(c => !c.Table.Column.IsMaskingIndicator()))
        {
            var path = cell.Ledger.PathIn(scratch);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(cell.Ledger.PathIn(RepositoryLayout.Ledger), path);
        }
        File.Copy(LedgerDigests.PathIn(RepositoryLayout.Ledger), LedgerDigests.PathIn(scratch));
        var results = ReproductionRun.OnFixtures(RepositoryLayout.Fixtures, RepositoryLayout.Models, scratch).Execute([ModelFamily.Mnist]).Family(ModelFamily.Mnist.Name);

        var checks = ClaimChecks.All(results);
        checks.Should().NotContain(c => c.Claim == ClaimsCatalogue.PgdReliable, "C9 waits for all of its cells");
        checks.Select(c => c.Claim).Distinct().Should().Contain([ClaimsCatalogue.PgdRobustness, ClaimsCatalogue.GradientMasking, ClaimsCatalogue.SeedPgdInflated]);
        results.Trials(ModelFamily.KwtaGamma01, ResultColumn.Pgd).Should().Be(1000, "the other claims are decided from the ledger's cells");
    }

    [Test]
    public void The_ledger_plan_has_one_cell_per_model_and_attack_column_with_the_adaptive_attacks_on_k_WTA_only()
    {
        var cells = LedgerPlan.Cells(LedgerScale.Fixtures, ModelFamily.All);

        // Per family: 3 models × (PGD, seed-foolbox PGD, DeepFool, VGA and the four masking attacks)
        // + 2 k-WTA models × (transfer, BPDA, finite differences); the annealed family adds only its k-WTA 0.1 model's.
        cells.Should().HaveCount((ModelFamily.All.Count - 1) * (3 * (4 + 4) + 2 * 3) + (4 + 4) + 3);
        cells.Select(c => c.Ledger.ToString()).Should().OnlyHaveUniqueItems();
        cells.Where(c => c.Table.Column.KwtaOnly()).Should().OnlyContain(c => c.Table.Activation != Model.Activations.ActivationSpec.Relu);
        cells.Should().OnlyContain(c => c.Table.Images == (c.Table.Column == ResultColumn.Vga ? 320 : 1000));
    }

    [Test]
    public void A_family_sharing_models_has_one_file_per_shared_cell_and_its_ledger_is_present_only_with_a_cell_of_its_own_model()
    {
        var (resnet, annealed) = (ModelFamily.ResNet18, ModelFamily.AnnealedResNet18);
        annealed.ModelName(ModelFamily.KwtaGamma02).Should().Be(resnet.ModelName(ModelFamily.KwtaGamma02));
        annealed.ModelName(ModelFamily.KwtaGamma01).Should().Be("resnet18-w16-kwta-0.1-annealed");
        var both = LedgerPlan.Cells(LedgerScale.Fixtures, [resnet, annealed]);
        both.Should().HaveCount(LedgerPlan.Cells(LedgerScale.Fixtures, [resnet]).Count + (4 + 4) + 3, "the shared ReLU and k-WTA 0.2 cells are listed once");
        var reluPgd = both.First(c => c.Table.Model == resnet.ModelName(Model.Activations.ActivationSpec.Relu) && c.Table.Column == ResultColumn.Pgd);
        var annealedPgd = both.First(c => c.Table.Model == annealed.ModelName(ModelFamily.KwtaGamma01) && c.Table.Column == ResultColumn.Pgd);

        WriteEmpty(reluPgd);
        (FamilyLedger.IsPresent(resnet, LedgerScale.Fixtures, scratch), FamilyLedger.IsPresent(annealed, LedgerScale.Fixtures, scratch))
            .Should().Be((true, false), "a shared model's file belongs to the family that owns the model");
        WriteEmpty(annealedPgd);
        FamilyLedger.IsPresent(annealed, LedgerScale.Fixtures, scratch).Should().BeTrue();
    }

    void WriteEmpty(PlannedCell cell)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cell.Ledger.PathIn(scratch))!);
        File.WriteAllText(cell.Ledger.PathIn(scratch), "");
    }
}
