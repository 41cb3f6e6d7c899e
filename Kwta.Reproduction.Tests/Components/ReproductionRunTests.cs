using Kwta.Model.Activations;
using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The cells a run measures are data: per model and column, the number of images; the results hold exactly those.</summary>
public class ReproductionRunTests
{
    static readonly ReproductionRun OnFixtures = ReproductionRun.OnFixtures(RepositoryLayout.Fixtures, RepositoryLayout.Models, RepositoryLayout.Ledger);

    [Test]
    public void Every_model_gets_the_tables_columns_and_only_k_WTA_models_the_adaptive_attacks()
    {
        var cells = OnFixtures.Cells(ModelFamily.AlexNet).ToList();

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
        foreach (var cell in ReproductionCell.All(ModelFamily.Mnist, results.Settings))
            results.Trials(cell.Activation, cell.Column).Should().Be(cell.Column == ResultColumn.Vga ? cell.Images * (LabeledImages.Classes - 1) : cell.Images, cell.ToString());
        results.Has(ActivationSpec.Relu, ResultColumn.Bpda).Should().BeFalse("no cell attacks ReLU with an adaptive attack");
    }
}
