using Kwta.Model.Activations;
using Kwta.Model.Families;
using Kwta.Model.Reproduction;

namespace Kwta.Model.Reporting;

/// <summary>Draws the report's figures from the results and the run's <see cref="FigureData"/>.</summary>
public static class ReportFigures
{
    /// <summary>Draws every figure into <paramref name="directory"/>; returns the Markdown that shows them.</summary>
    public static string Draw(string directory, IReadOnlyList<FamilyResults> families, FigureData? data)
    {
        var text = new System.Text.StringBuilder("## Figures\n\n");
        foreach (var results in families)
        {
            var file = $"accuracy-{results.Family.Name}.png";
            ReportPlots.AccuracyBars(results, Path.Combine(directory, file));
            text.Append($"![{results.Family.Title}: clean and robust accuracy]({file})\n\n");
        }
        foreach (var (name, curves) in data?.Sweeps ?? [])
        {
            var family = ModelFamily.Get(name);
            var file = $"robust-vs-eps-{name}.png";
            ReportPlots.RobustVersusEpsilon(family, curves, Path.Combine(directory, file));
            text.Append($"![{family.Title}: robust accuracy vs ε]({file})\n\n");
        }
        foreach (var (name, surfaces) in data?.Landscapes ?? [])
        {
            var family = ModelFamily.Get(name);
            foreach (var (activation, surface) in surfaces)
            {
                var file = $"loss-surface-{family.ModelName(activation)}.png";
                ReportPlots.Landscape($"{family.ModelName(activation)}: loss around one test image", surface, family.Epsilon,
                                      Path.Combine(directory, file));
                text.Append($"![loss surface {family.ModelName(activation)}]({file}) ");
            }
            text.Append("\n\n");
        }
        if (data?.Overhead is { } overhead)
        {
            ReportPlots.Overhead(overhead.Rows, Path.Combine(directory, "overhead.png"));
            text.Append("![k-WTA overhead](overhead.png)\n\n").Append(overhead.ToMarkdown()).Append('\n');
        }
        return text.ToString();
    }
}
