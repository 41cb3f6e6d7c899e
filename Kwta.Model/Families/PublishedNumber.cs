using Kwta.Model.Activations;
using Kwta.Model.Published;

namespace Kwta.Model.Families;

/// <summary>A published number shown beside one of our table cells: the column it compares with, who published it
/// ("seed", "paper", "RobustBench", "Tramèr"), and its id in expected/anchors.json, where its source is.</summary>
public sealed record PublishedNumber(ResultColumn Column, string Publisher, string AnchorId)
{
    public double Value => Anchors.Value(AnchorId);

    static readonly ResultColumn[] SeedColumns = [ResultColumn.Clean, ResultColumn.Vga, ResultColumn.Pgd, ResultColumn.DeepFool];

    /// <summary>The student tables' "seed.NETWORK.ACTIVATION.COLUMN" (Clean, VGA, PGD, DeepFool) and the paper's
    /// "paper.NETWORK.ACTIVATION.pgd", those that expected/anchors.json has, for every model of a family.</summary>
    public static IReadOnlyDictionary<ActivationSpec, IReadOnlyList<PublishedNumber>> SeedAndPaper(string network) =>
        ModelFamily.Activations.ToDictionary(a => a, IReadOnlyList<PublishedNumber> (a) =>
        [
            .. from candidate in SeedColumns.Select(c => new PublishedNumber(c, "seed", $"seed.{network}.{a}.{c.Slug()}"))
                                            .Append(new PublishedNumber(ResultColumn.Pgd, "paper", $"paper.{network}.{a}.pgd"))
               where Anchors.Has(candidate.AnchorId)
               select candidate,
        ]);
}
