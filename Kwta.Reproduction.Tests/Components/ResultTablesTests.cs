using System.Globalization;
using Kwta.Model.Activations;
using Kwta.Model.Families;
using Kwta.Model.Published;
using Kwta.Model.Reporting;
using Kwta.Model.Reproduction;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The result tables put each published number beside the column it compares with, in the row of its model.</summary>
public class ResultTablesTests
{
    static FamilyResults Measured(ModelFamily family)
    {
        var results = new FamilyResults(family, ReproductionSettings.Default);
        foreach (var activation in ModelFamily.Activations)
        {
            results.ManifestCleanAccuracy[activation] = 0.5;
            foreach (var column in Enum.GetValues<ResultColumn>())
                results.Add(activation, column, [true, false]);
            results.SilentGradients[activation] = [false, false];
        }
        return results;
    }

    static string Row(string table, ActivationSpec activation, int tableIndex) =>
        table.Split('\n').Where(l => l.StartsWith($"| {activation.Label} |", StringComparison.Ordinal)).ElementAt(tableIndex);

    static string Cell(string row, ResultColumn column, IReadOnlyList<ResultColumn> columns) =>
        row.Split('|')[3 + columns.ToList().IndexOf(column)].Trim();

    static string Number(string id) => Anchors.Value(id).ToString("0.0##", CultureInfo.InvariantCulture);

    [Test]
    public void The_adversarial_family_shows_RobustBench_and_Tramer_beside_the_adversarially_trained_kWTA_0_1()
    {
        var table = ResultTables.Markdown(Measured(ModelFamily.AdversarialResNet18));
        string main = Row(table, ModelFamily.KwtaGamma01, 0), masking = Row(table, ModelFamily.KwtaGamma01, 1);

        Cell(main, ResultColumn.Clean, ResultTables.Columns).Should()
            .Be($"50.0 (9.5–90.5) [Tramèr {Number("tramer.kwta-0.1.adversarial.clean")}, RobustBench {Number("robustbench.xiao2020.clean")}]");
        Cell(main, ResultColumn.Pgd, ResultTables.Columns).Should().EndWith($"[paper {Number("robustbench.xiao2020.reported")}]");
        Cell(main, ResultColumn.FiniteDifference, ResultTables.Columns).Should().EndWith($"[Tramèr {Number("tramer.kwta-0.1.adversarial.robust")}]");
        Cell(masking, ResultColumn.AutoAttack, ResultTables.MaskingColumns).Should().EndWith($"[RobustBench {Number("robustbench.xiao2020.autoattack")}]");
        Cell(masking, ResultColumn.Square, ResultTables.MaskingColumns).Should().EndWith($"[RobustBench {Number("robustbench.xiao2020.external")}]");
        Row(table, ActivationSpec.Relu, 0).Should().NotContain("[", "no publication has an adversarially trained ReLU twin");
        table.Should().Contain("[Tramèr …, RobustBench …, paper …] are the published numbers: the paper's and RobustBench's are for");
    }

    [Test]
    public void A_family_without_published_numbers_has_no_legend_for_them() =>
        ResultTables.Markdown(Measured(ModelFamily.Mnist)).Should().NotContain("published numbers").And.NotContain("[");
}
