using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;

namespace Kwta.Model.Families;

/// <summary>
/// An architecture trained three ways (ReLU, k-WTA 0.1, k-WTA 0.2), shipped as FAMILY-relu,
/// FAMILY-kwta-0.1 and FAMILY-kwta-0.2, with the published numbers for the matching networks beside ours
/// (the reproduction's Tables 1-2, the paper, RobustBench, Tramèr et al.; docs/anchors.md).
/// </summary>
/// <param name="Architecture">The network (see <c>kwta info</c>); the family's name when it is trained the reproduction's way.</param>
/// <param name="HasRandomInitRecord">Whether the k-WTA 0.2 model's training has a random-init twin on record (C6).</param>
/// <param name="PublishedNote">What the published numbers beside ours were measured on, where that is not our network.</param>
/// <param name="LedgerOnly">Its claims are decided only from its complete ledger, never run at the default sizes: its
/// attacks cost too much for the test budget (adversarially trained models keep PGD from stopping early), or it shares
/// models with another family, whose attacks the default run would repeat.</param>
/// <param name="ModelNames">The shipped model of each activation, where it is not FAMILY-ACTIVATION: another family's
/// model that this one shares, or a model trained another way.</param>
public sealed record ModelFamily(string Name, string Title, ThreatModel Threat,
                                 IReadOnlyDictionary<ActivationSpec, IReadOnlyList<PublishedNumber>> Published,
                                 string Architecture, bool HasRandomInitRecord = true, string? PublishedNote = null,
                                 bool LedgerOnly = false, IReadOnlyDictionary<ActivationSpec, string>? ModelNames = null)
{
    public DatasetKind Dataset => Threat.Dataset;
    public double Epsilon => Threat.Epsilon;

    /// <summary>Every family's sparser k-WTA model, γ = 0.1.</summary>
    public static readonly ActivationSpec KwtaGamma01 = ActivationSpec.Kwta(0.1);

    /// <summary>Every family's denser k-WTA model, γ = 0.2.</summary>
    public static readonly ActivationSpec KwtaGamma02 = ActivationSpec.Kwta(0.2);

    /// <summary>The three models of every family, in the row order of the reproduction's tables.</summary>
    public static readonly IReadOnlyList<ActivationSpec> Activations = [ActivationSpec.Relu, KwtaGamma01, KwtaGamma02];

    public string ModelName(ActivationSpec activation) => ModelNames?.GetValueOrDefault(activation) ?? $"{Name}-{activation}";

    /// <summary>The convergence record: k-WTA 0.2 trained from random init with the fine-tune recipe (log only, not shipped).</summary>
    public string RandomInitRecordName => ModelName(KwtaGamma02) + "-random-init";

    public static readonly ModelFamily ResNet18 =
        new("resnet18-w16", "ResNet18 (width 16) on CIFAR-10", ThreatModel.Cifar10, PublishedNumber.SeedAndPaper("resnet18"), "resnet18-w16");

    public static readonly ModelFamily AlexNet =
        new("alexnet-cifar", "AlexNet (CIFAR-sized) on CIFAR-10", ThreatModel.Cifar10, PublishedNumber.SeedAndPaper("alexnet"), "alexnet-cifar");

    /// <summary>The paper's MNIST setting; neither publication gives a table for it.</summary>
    public static readonly ModelFamily Mnist =
        new("mnist-cnn", "The paper's MNIST CNN", ThreatModel.Mnist, new Dictionary<ActivationSpec, IReadOnlyList<PublishedNumber>>(), "mnist-cnn");

    /// <summary>resnet18-w16 trained adversarially (FGSM with a random start at ε 0.031; docs/models.md). No publication
    /// has this network: beside ours are the numbers for the adversarially trained k-WTA networks of the paper,
    /// RobustBench and Tramèr et al. RobustBench's Square number is APGD-CE followed by Square with 30 restarts.</summary>
    public static readonly ModelFamily AdversarialResNet18 = new(
        "resnet18-w16-adv", "ResNet18 (width 16) on CIFAR-10, adversarially trained", ThreatModel.Cifar10,
        new Dictionary<ActivationSpec, IReadOnlyList<PublishedNumber>>
        {
            [ActivationSpec.Relu] = [],
            [KwtaGamma01] =
            [
                new(ResultColumn.Clean, "Tramèr", "tramer.kwta-0.1.adversarial.clean"),
                new(ResultColumn.Clean, "RobustBench", "robustbench.xiao2020.clean"),
                new(ResultColumn.Pgd, "paper", "robustbench.xiao2020.reported"),
                new(ResultColumn.FiniteDifference, "Tramèr", "tramer.kwta-0.1.adversarial.robust"),
                new(ResultColumn.AutoAttack, "RobustBench", "robustbench.xiao2020.autoattack"),
                new(ResultColumn.Square, "RobustBench", "robustbench.xiao2020.external"),
            ],
            [KwtaGamma02] = [new(ResultColumn.Clean, "Tramèr", "tramer.kwta-0.2.adversarial.clean")],
        },
        "resnet18-w16", HasRandomInitRecord: false,
        PublishedNote: "the paper's and RobustBench's are for the paper's adversarially trained k-WTA DenseNet-121 (RobustBench's " +
                       "Square: APGD-CE, then Square with 30 restarts), Tramèr et al.'s for the adversarially trained full-width " +
                       "k-WTA ResNet18s they attacked; ours are trained with FGSM-RS, not the paper's PGD-10 (docs/models.md)",
        LedgerOnly: true);

    /// <summary>resnet18-w16 with the paper's γ schedule instead of the reproduction's abrupt switch to k-WTA 0.1: its ReLU
    /// and k-WTA 0.2 models are resnet18-w16's, its k-WTA 0.1 model is fine-tuned from that k-WTA 0.2 lowering γ by 0.005
    /// every 2 epochs (docs/models.md), as the paper's CIFAR models were. C6 is resnet18-w16's: the same k-WTA 0.2 model.</summary>
    public static readonly ModelFamily AnnealedResNet18 = new(
        "resnet18-w16-annealed", "ResNet18 (width 16) on CIFAR-10, k-WTA 0.1 by the paper's γ annealing", ThreatModel.Cifar10,
        PublishedNumber.SeedAndPaper("resnet18"), "resnet18-w16", HasRandomInitRecord: false,
        PublishedNote: "the reproduction's (seed) k-WTA 0.1 was switched to γ 0.1 at once, as resnet18-w16's; the paper's was γ-annealed",
        LedgerOnly: true,
        ModelNames: new Dictionary<ActivationSpec, string>
        {
            [ActivationSpec.Relu] = ResNet18.ModelName(ActivationSpec.Relu),
            [KwtaGamma02] = ResNet18.ModelName(KwtaGamma02),
            [KwtaGamma01] = ResNet18.ModelName(KwtaGamma01) + "-annealed",
        });

    public static readonly IReadOnlyList<ModelFamily> All = [ResNet18, AlexNet, Mnist, AdversarialResNet18, AnnealedResNet18];

    /// <summary>Whether <paramref name="model"/> is first listed by this family in <see cref="All"/>: a family's ledger is
    /// present once a cell of a model it owns has a file, not when only the models it shares have theirs.</summary>
    public bool Owns(string model) =>
        All.First(f => Activations.Any(a => f.ModelName(a).Equals(model, StringComparison.OrdinalIgnoreCase))) == this;

    public static ModelFamily Get(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model family '{name}'. Known: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));
}
