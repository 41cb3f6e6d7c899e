using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;
using Kwta.Model.Models;
using Kwta.Model.Reproduction;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>A committed cell is re-verified on the form of the model it names, to its margins' last digits; recomputed
/// on the other form, it is compared as across CPUs.</summary>
public class ForwardPathVerificationTests
{
    static readonly PlannedCell Cell = LedgerPlan.Cells(LedgerScale.Fixtures, [ModelFamily.Mnist])
        .Single(c => c.Table.Model == "mnist-cnn-relu" && c.Table.Column == ResultColumn.Pgd);

    static readonly VerificationStrata Small = new(NearestSurvivors: 1, NearestBroken: 2, Random: 2);

    [Test]
    public void A_cell_built_as_trained_repeats_to_the_last_digits_on_that_form_and_within_the_cross_cpu_rule_folded()
    {
        var images = Fixtures.Mnist(RepositoryLayout.Fixtures);
        var machine = LedgerFile.Read(Cell.Ledger.PathIn(RepositoryLayout.Ledger)).Header.Machine;
        ForwardPaths.Of(machine).Should().Be(ForwardPath.AsTrained);

        var own = CellVerifier.Verify(Cell, images, RepositoryLayout.Models, RepositoryLayout.Ledger, Small);
        var folded = CellVerifier.Verify(Cell, images, RepositoryLayout.Models, RepositoryLayout.Ledger, Small, ForwardPath.Folded);

        // SameCpu on the CPU the cell was built on (this project's machine), AcrossCpus elsewhere.
        own.Rule.Should().Be(VerificationRules.For(machine), own.ToString());
        own.Agrees.Should().BeTrue(own.ToString());
        folded.Rule.Should().Be(VerificationRule.AcrossCpus, folded.ToString());
        folded.Agrees.Should().BeTrue(folded.ToString());
    }
}
