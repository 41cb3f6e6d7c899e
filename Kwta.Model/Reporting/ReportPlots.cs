using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Families;
using Kwta.Model.Reproduction;
using ScottPlot;

namespace Kwta.Model.Reporting;

/// <summary>The report's PNG figures (ScottPlot 5).</summary>
public static class ReportPlots
{
    const int Width = 900, Height = 500;

    /// <summary>Robust accuracy vs ε for ReLU and both k-WTA models of a family.</summary>
    public static void RobustVersusEpsilon(ModelFamily family, IReadOnlyDictionary<ActivationSpec, double[]> curves, string path)
    {
        var plot = new Plot();
        double[] xs = [.. EpsilonSweep.EpsilonsOver255.Select(e => (double)e)];
        foreach (var (activation, percent) in curves)
            plot.Add.Scatter(xs, percent).LegendText = activation.Label;
        plot.Title($"{family.Title}: PGD robust accuracy vs ε");
        plot.XLabel("ε (×1/255)");
        plot.YLabel("robust accuracy (%)");
        plot.Axes.SetLimitsY(0, 100);
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Grouped bars: per column (clean and every attack), one bar per model.</summary>
    public static void AccuracyBars(FamilyResults results, string path)
    {
        var plot = new Plot();
        var columns = ResultTables.Columns;
        var activations = ModelFamily.Activations;
        for (int m = 0; m < activations.Count; m++)
        {
            var bars = columns.Select((column, c) => new Bar
            {
                Position = c * (activations.Count + 1) + m,
                Value = results.Has(activations[m], column) ? results.Percent(activations[m], column) : 0,
                FillColor = Colors.Category10[m],
            }).ToList();
            plot.Add.Bars(bars).LegendText = activations[m].Label;
        }
        plot.Axes.Bottom.SetTicks([.. columns.Select((_, c) => c * (activations.Count + 1) + 1.0)], [.. columns.Select(c => c.Header())]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 110; // room for the rotated attack names
        plot.Title($"{results.Family.Title}: clean and robust accuracy per attack");
        plot.YLabel("accuracy (%)");
        plot.Axes.SetLimitsY(0, 100);
        plot.ShowLegend(Alignment.UpperRight); // above the adaptive attacks' bars, which stay low
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Time ratio k-WTA / ReLU per workload and kernel, with the seed's 1.93× and 4.2× as lines.</summary>
    public static void Overhead(IReadOnlyList<BenchmarkRow> rows, string path)
    {
        var plot = new Plot();
        var variants = rows[0].Timings.Select(t => t.Variant).Where(v => !v.IsBaseline).ToList();
        for (int v = 0; v < variants.Count; v++)
        {
            var bars = rows.Select((row, r) => new Bar
            {
                Position = r * (variants.Count + 1) + v, Value = row.RatioToBaseline(variants[v]), FillColor = Colors.Category10[v + 1],
            }).ToList();
            plot.Add.Bars(bars).LegendText = variants[v].Name;
        }
        plot.Add.HorizontalLine(1.93).LegendText = "seed: training 1.93×";
        plot.Add.HorizontalLine(4.2).LegendText = "seed: test 4.2×";
        plot.Axes.Bottom.SetTicks([.. rows.Select((_, r) => r * (variants.Count + 1) + 0.5)], [.. rows.Select(r => r.Workload)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 200; // room for the rotated workload names
        plot.Axes.SetLimitsY(0, Math.Max(5, rows.Max(r => variants.Max(r.RatioToBaseline)) * 1.1));
        plot.Title("k-WTA time relative to ReLU (resnet18-w16, one run)");
        plot.YLabel("time ratio");
        plot.ShowLegend();
        plot.SavePng(path, Width, 600);
    }

    /// <summary>Loss surface as a heatmap over (gradient step a, random step b).</summary>
    public static void Landscape(string title, double[,] surface, double epsilon, string path)
    {
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(surface);
        heatmap.Extent = new CoordinateRect(-epsilon, epsilon, -epsilon, epsilon);
        heatmap.FlipVertically = true;
        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.XLabel("step along sign(∇x loss)");
        plot.YLabel("step along a random sign direction");
        plot.SavePng(path, 600, 500);
    }
}
