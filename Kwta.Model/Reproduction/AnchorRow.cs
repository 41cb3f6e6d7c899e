using Kwta.Model.Activations;
using Kwta.Model.Published;

namespace Kwta.Model.Reproduction;

/// <summary>The published numbers beside one of our rows: the reproduction's (seed) and the paper's, in percent.</summary>
public sealed record AnchorRow(double? Clean, double? Vga, double? Pgd, double? DeepFool, double? PaperPgd = null)
{
    /// <summary>The row of <paramref name="network"/> ("resnet18", "alexnet") and <paramref name="activation"/> in
    /// expected/anchors.json: the student tables' "seed.NETWORK.ACTIVATION.COLUMN" and the paper's "paper.NETWORK.ACTIVATION.pgd".</summary>
    public static AnchorRow Of(string network, ActivationSpec activation)
    {
        double? Number(string id) => Anchors.Has(id) ? Anchors.Value(id) : null;
        string seed = $"seed.{network}.{activation}.";
        return new AnchorRow(Number(seed + "clean"), Number(seed + "vga"), Number(seed + "pgd"), Number(seed + "deepfool"),
                             Number($"paper.{network}.{activation}.pgd"));
    }

    public static IReadOnlyDictionary<ActivationSpec, AnchorRow> Family(string network) =>
        ModelFamily.Activations.ToDictionary(a => a, a => Of(network, a));
}
