using Kwta.Model.Models;

namespace Kwta.Model.Ledger;

/// <summary>What rebuilding a cell costs, estimated from its logged runs on one form of the model: its images times
/// the CPU seconds per image those runs took (<see cref="BuildLog"/>).</summary>
/// <param name="ImagesLogged">Images attacked in the runs the estimate rests on.</param>
public sealed record CellCost(string Cell, int Images, int ImagesLogged, double CpuSecondsPerImage, double WallSecondsPerImage)
{
    public double CpuHours => Images * CpuSecondsPerImage / 3600;
    public double WallHours => Images * WallSecondsPerImage / 3600;

    /// <summary>The estimates of <paramref name="cells"/> (cell → its images) from <paramref name="runs"/> on
    /// <paramref name="form"/>; a cell with no such run has none.</summary>
    public static IReadOnlyList<(string Cell, CellCost? Cost)> Estimate(IReadOnlyList<(string Cell, int Images)> cells,
                                                                        IReadOnlyList<BuildRun> runs, ForwardPath form)
    {
        var logged = runs.Where(r => r.Images > 0 && ForwardPaths.Of(r.Machine) == form).ToLookup(r => r.Cell);
        return [.. cells.Select(c => (c.Cell, logged[c.Cell].ToList() is { Count: > 0 } own
            ? new CellCost(c.Cell, c.Images, own.Sum(r => r.Images), own.Sum(r => r.CpuSeconds) / own.Sum(r => r.Images),
                           own.Sum(r => r.WallSeconds) / own.Sum(r => r.Images))
            : null))];
    }
}
