using Kwta.Model.Activations;
using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Persistence;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The cells a run measures are data: per model and column, the number of images; the results hold exactly those.</summary>
public class ReproductionRunTests : ScratchDirectoryTest
{
    static readonly ReproductionRun OnFixtures = ReproductionRun.OnFixtures(RepositoryLayout.Fixtures, RepositoryLayout.Models, RepositoryLayout.Ledger);

    [Test]
    public void Every_model_gets_the_tables_columns_and_only_k_WTA_models_the_adaptive_attacks()
    {
        var cells = TableCell.All(ModelFamily.AlexNet, ReproductionSettings.Default).ToList();

        cells.Select(c => c.Activation).Distinct().Should().Equal(ModelFamily.Activations);
        cells.Where(c => c.Column.KwtaOnly()).Should().NotContain(c => c.Activation == ActivationSpec.Relu)
            .And.HaveCount(2 * 3, "both k-WTA models get transfer, BPDA and finite differences");
        cells.Should().HaveCount(ModelFamily.Activations.Count * 5 + 2 * 3)
            .And.OnlyContain(c => c.Images == ReproductionSettings.Default.ImagesFor(c.Column));
        cells.Should().NotContain(c => c.Column.IsMaskingIndicator(), "the default run leaves C9's attacks to the ledger");
    }

    [Test]
    public void The_results_of_a_family_hold_exactly_its_cells_with_their_image_counts()
    {
        var results = ReproductionResults.For(ModelFamily.Mnist.Name);

        // From the ledger when it is committed (its sizes), else run at the default sizes.
        foreach (var cell in TableCell.All(ModelFamily.Mnist, results.Settings))
            results.Trials(cell.Activation, cell.Column).Should().Be(cell.Column == ResultColumn.Vga ? cell.Images * (LabeledImages.Classes - 1) : cell.Images, cell.ToString());
        results.Has(ActivationSpec.Relu, ResultColumn.Bpda).Should().BeFalse("no cell attacks ReLU with an adaptive attack");
    }

    [Test]
    public void A_run_reads_the_cells_it_has_recorded_outcomes_for_and_attacks_for_the_others()
    {
        var tiny = new ReproductionSettings(CleanImages: 20, PgdImages: 10, DeepFoolImages: 2, VgaImages: 1, FiniteDifferenceImages: 1,
                                            TramerFiniteDifference: false, MaskingImages: 0, BatchSize: 10, Seed: 2020);
        // Alternating outcomes: PGD on mnist-cnn k-WTA 0.1 leaves about 1% of the images robust, never half of them.
        IReadOnlyList<bool> alternating = [.. Enumerable.Range(0, tiny.PgdImages).Select(i => i % 2 == 0)];
        var recorded = new RecordedOutcomes("a test ledger", new Dictionary<(ActivationSpec, ResultColumn), IReadOnlyList<bool>>
        {
            [(ModelFamily.KwtaGamma01, ResultColumn.Pgd)] = alternating,
        });

        var results = FamilyRun.Run(ModelFamily.Mnist, TestData.Mnist, RepositoryLayout.Models, tiny, recorded: recorded);

        results.Outcomes(ModelFamily.KwtaGamma01, ResultColumn.Pgd).Should().Equal(alternating);
        results.Outcomes(ModelFamily.KwtaGamma02, ResultColumn.Pgd).Should().HaveCount(tiny.PgdImages)
            .And.NotEqual(alternating, "k-WTA 0.2's PGD cell was not recorded, so it was attacked");
        results.Trials(ModelFamily.KwtaGamma01, ResultColumn.Clean).Should().Be(tiny.CleanImages, "clean accuracy is always measured");
        results.Source.Should().EndWith(", 1 attack cell(s) read from a test ledger");
    }

    /// <summary>A models folder whose manifest lists the given models (entries only: no weights are read).</summary>
    static string ModelsFolderListing(string directory, IEnumerable<string> names)
    {
        Directory.CreateDirectory(directory);
        new ModelManifest
        {
            Models = [.. names.Select(n => new ModelEntry { Name = n, Architecture = "resnet18-w16", Activation = "relu", File = n + ".dat", Sha256 = "", Recipe = new TrainingRecipe() })],
        }.Save(directory);
        return directory;
    }

    [Test]
    public void A_ledger_only_family_is_not_decided_until_its_models_are_shipped_and_its_ledger_is_complete_and_says_how_to_build_it()
    {
        var family = ModelFamily.AdversarialResNet18;
        var names = ModelFamily.Activations.Select(family.ModelName).ToList();
        var emptyLedger = Path.Combine(scratch, "ledger");
        Directory.CreateDirectory(emptyLedger);
        var allShipped = OnFixtures with { ModelsDirectory = ModelsFolderListing(Path.Combine(scratch, "all"), names), LedgerDirectory = emptyLedger };
        var oneMissing = allShipped with { ModelsDirectory = ModelsFolderListing(Path.Combine(scratch, "two"), names.Skip(1)) };
        int cells = LedgerPlan.Cells(LedgerScale.Fixtures, [family]).Count(c => !c.Table.Column.IsMaskingIndicator());

        oneMissing.WhyUndecided(family).Should().Be($"its three models are not all in {Path.Combine(scratch, "two", ModelManifest.FileName)}");
        allShipped.WhyUndecided(family).Should().Be(
            $"its claims are decided only from its fixtures ledger, which lacks {cells} of the {cells} cells they rest on (`kwta ledger build --scale fixtures --family {family.Name}`)");
        FluentActions.Invoking(() => allShipped.Execute([family])).Should().Throw<ArgumentException>().WithMessage($"nothing to run: {family.Name}: its claims are decided only*");
        OnFixtures.WhyUndecided(ModelFamily.AlexNet).Should().BeNull("a family that is not ledger-only runs at the default sizes without a ledger");
    }
}
