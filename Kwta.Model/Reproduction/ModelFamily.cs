using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Published;

namespace Kwta.Model.Reproduction;

/// <summary>The published numbers beside one of our rows: the reproduction's (seed) and the paper's, in percent.</summary>
public sealed record AnchorRow(double? Clean, double? Vga, double? Pgd, double? DeepFool, double? PaperPgd = null)
{
    /// <summary>The row of <paramref name="network"/> ("resnet18", "alexnet") and <paramref name="activation"/> in
    /// expected/anchors.json: the student tables' "seed.NETWORK.ACTIVATION.COLUMN" and the paper's "paper.NETWORK.ACTIVATION.pgd".</summary>
    public static AnchorRow Of(string network, string activation)
    {
        double? Number(string id) => Anchors.Has(id) ? Anchors.Value(id) : null;
        string seed = $"seed.{network}.{activation}.";
        return new AnchorRow(Number(seed + "clean"), Number(seed + "vga"), Number(seed + "pgd"), Number(seed + "deepfool"),
                             Number($"paper.{network}.{activation}.pgd"));
    }

    public static IReadOnlyDictionary<string, AnchorRow> Family(string network) =>
        ModelFamily.Activations.ToDictionary(a => a, a => Of(network, a));
}

/// <summary>
/// An architecture trained three ways (ReLU, k-WTA 0.1, k-WTA 0.2), shipped as FAMILY-relu,
/// FAMILY-kwta-0.1 and FAMILY-kwta-0.2, with the reproduction's numbers for the matching network
/// (Tables 1-2 of Usluel & Golod; the paper's PGD number for ResNet18 k-WTA-0.1; docs/anchors.md).
/// </summary>
public sealed record ModelFamily(string Name, string Title, ThreatModel Threat, IReadOnlyDictionary<string, AnchorRow> Anchors)
{
    public DatasetKind Dataset => Threat.Dataset;
    public double Epsilon => Threat.Epsilon;

    /// <summary>Row order of the reproduction's tables.</summary>
    public static readonly IReadOnlyList<string> Activations = ["relu", "kwta-0.1", "kwta-0.2"];

    public string ModelName(string activation) => $"{Name}-{activation}";


    public static string RowLabel(string activation) => activation switch
    {
        "relu" => "ReLU",
        "kwta-0.1" => "k-WTA 0.1",
        "kwta-0.2" => "k-WTA 0.2",
        _ => activation,
    };

    /// <summary>The convergence record: k-WTA 0.2 trained from random init with the fine-tune recipe (log only, not shipped).</summary>
    public string RandomInitRecordName => ModelName("kwta-0.2") + "-random-init";

    public static readonly ModelFamily ResNet18 = new("resnet18-w16", "ResNet18 (width 16) on CIFAR-10", ThreatModel.Cifar10, AnchorRow.Family("resnet18"));

    public static readonly ModelFamily AlexNet = new("alexnet-cifar", "AlexNet (CIFAR-sized) on CIFAR-10", ThreatModel.Cifar10, AnchorRow.Family("alexnet"));

    /// <summary>The paper's MNIST setting; neither publication gives a table for it.</summary>
    public static readonly ModelFamily Mnist = new("mnist-cnn", "The paper's MNIST CNN", ThreatModel.Mnist, new Dictionary<string, AnchorRow>());

    public static readonly IReadOnlyList<ModelFamily> All = [ResNet18, AlexNet, Mnist];

    public static ModelFamily Get(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model family '{name}'. Known: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));
}
