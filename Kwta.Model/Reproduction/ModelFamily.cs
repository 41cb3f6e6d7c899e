using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;

namespace Kwta.Model.Reproduction;

/// <summary>
/// An architecture trained three ways (ReLU, k-WTA 0.1, k-WTA 0.2), shipped as FAMILY-relu,
/// FAMILY-kwta-0.1 and FAMILY-kwta-0.2, with the published numbers for the matching networks beside ours
/// (the reproduction's Tables 1-2, the paper, RobustBench, Tramèr et al.; docs/anchors.md).
/// </summary>
/// <param name="Architecture">The network (see <c>kwta info</c>); the family's name when it is trained the reproduction's way.</param>
/// <param name="HasRandomInitRecord">Whether the k-WTA 0.2 model's training has a random-init twin on record (C6).</param>
/// <param name="PublishedNote">What the published numbers beside ours were measured on, where that is not our network.</param>
public sealed record ModelFamily(string Name, string Title, ThreatModel Threat,
                                 IReadOnlyDictionary<ActivationSpec, IReadOnlyList<PublishedNumber>> Published,
                                 string Architecture, bool HasRandomInitRecord = true, string? PublishedNote = null)
{
    public DatasetKind Dataset => Threat.Dataset;
    public double Epsilon => Threat.Epsilon;

    /// <summary>Every family's sparser k-WTA model, γ = 0.1.</summary>
    public static readonly ActivationSpec KwtaGamma01 = ActivationSpec.Kwta(0.1);

    /// <summary>Every family's denser k-WTA model, γ = 0.2.</summary>
    public static readonly ActivationSpec KwtaGamma02 = ActivationSpec.Kwta(0.2);

    /// <summary>The three models of every family, in the row order of the reproduction's tables.</summary>
    public static readonly IReadOnlyList<ActivationSpec> Activations = [ActivationSpec.Relu, KwtaGamma01, KwtaGamma02];

    public string ModelName(ActivationSpec activation) => $"{Name}-{activation}";

    /// <summary>The convergence record: k-WTA 0.2 trained from random init with the fine-tune recipe (log only, not shipped).</summary>
    public string RandomInitRecordName => ModelName(KwtaGamma02) + "-random-init";

    public static readonly ModelFamily ResNet18 =
        new("resnet18-w16", "ResNet18 (width 16) on CIFAR-10", ThreatModel.Cifar10, PublishedNumber.SeedAndPaper("resnet18"), "resnet18-w16");

    public static readonly ModelFamily AlexNet =
        new("alexnet-cifar", "AlexNet (CIFAR-sized) on CIFAR-10", ThreatModel.Cifar10, PublishedNumber.SeedAndPaper("alexnet"), "alexnet-cifar");

    /// <summary>The paper's MNIST setting; neither publication gives a table for it.</summary>
    public static readonly ModelFamily Mnist =
        new("mnist-cnn", "The paper's MNIST CNN", ThreatModel.Mnist, new Dictionary<ActivationSpec, IReadOnlyList<PublishedNumber>>(), "mnist-cnn");

    public static readonly IReadOnlyList<ModelFamily> All = [ResNet18, AlexNet, Mnist];

    public static ModelFamily Get(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model family '{name}'. Known: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));
}
