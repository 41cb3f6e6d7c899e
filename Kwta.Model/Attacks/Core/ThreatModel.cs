using Kwta.Model.Data;

namespace Kwta.Model.Attacks;

/// <summary>
/// The paper's L∞ threat model for a data set: the radius ε and the PGD step of its text. Every attack,
/// table caption and training recipe that says "the paper's ε" reads it from here.
/// </summary>
public sealed record ThreatModel(DatasetKind Dataset, double Epsilon, double PaperStep)
{
    /// <summary>CIFAR-10's ε as a constant, for default parameter values.</summary>
    public const double Cifar10Epsilon = 0.031;

    /// <summary>CIFAR-10: ε 0.031 (≈ 8/255), PGD step 0.003 (the paper, Section 5).</summary>
    public static readonly ThreatModel Cifar10 = new(DatasetKind.Cifar10, Cifar10Epsilon, 0.003);

    /// <summary>MNIST: ε 0.3, PGD step 0.01 (the paper's MNIST setting).</summary>
    public static readonly ThreatModel Mnist = new(DatasetKind.Mnist, 0.3, 0.01);

    public static ThreatModel For(DatasetKind dataset) => dataset == DatasetKind.Cifar10 ? Cifar10 : Mnist;
}
