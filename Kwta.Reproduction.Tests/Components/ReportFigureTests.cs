using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Reporting;
using Kwta.Model.Reproduction;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The report's figures: the loss surface is computed right, and every plot writes a PNG.</summary>
public class ReportFigureTests : ScratchDirectoryTest
{
    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Test]
    public void The_loss_surface_rises_along_the_gradient_sign_direction()
    {
        var surface = LossLandscape.Surface(ModelFamily.Mnist, ActivationSpec.Relu, TestData.Mnist, 0, RepositoryLayout.Models, epsilon: 0.1, seed: 1);
        int middle = LossLandscape.GridPoints / 2;
        surface.GetLength(0).Should().Be(LossLandscape.GridPoints);
        surface[middle, LossLandscape.GridPoints - 1].Should().BeGreaterThan(surface[middle, middle]);
        surface[middle, middle].Should().BeLessThan(surface[middle, 0] + 1, "the clean image sits near a minimum along −sign(∇)");
    }

    [Test]
    public void Every_figure_is_written_as_a_PNG()
    {
        var results = new FamilyResults(ModelFamily.Mnist, ReproductionSettings.Default);
        foreach (var activation in ModelFamily.Activations)
            foreach (var column in ResultTables.Columns)
                results.Add(activation, column, [true, false, activation == ActivationSpec.Relu]);
        var curves = ModelFamily.Activations.ToDictionary(a => a, a => EpsilonSweep.EpsilonsOver255.Select(e => 100.0 - 5 * e).ToArray());
        var variants = BenchmarkVariant.All(0.2);
        var rows = new[] { new BenchmarkRow("train step", "x", [.. variants.Select((v, i) => (v, new Timing([1.0 + i])))]) };

        ReportPlots.RobustVersusEpsilon(ModelFamily.Mnist, curves, Path.Combine(scratch, "eps.png"));
        ReportPlots.AccuracyBars(results, Path.Combine(scratch, "bars.png"));
        ReportPlots.Overhead(rows, Path.Combine(scratch, "overhead.png"));
        ReportPlots.Landscape("surface", new double[,] { { 1, 2 }, { 3, 4 } }, 0.1, Path.Combine(scratch, "surface.png"));

        foreach (var file in new[] { "eps.png", "bars.png", "overhead.png", "surface.png" })
            File.ReadAllBytes(Path.Combine(scratch, file))[..4].Should().Equal(PngSignature, file);
    }
}
