using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// APGD-T (Croce &amp; Hein, ICML 2020), AutoAttack's second attack: <see cref="Apgd"/> on the targeted DLR loss
/// (<see cref="DlrLoss.Targeted"/>), once per target class, the targets being the classes with the
/// <see cref="TargetClasses"/> highest clean logits other than the label (9 in AutoAttack: every other class
/// of CIFAR-10). Each target's restarts run only on the samples no earlier target has misclassified.
/// </summary>
public sealed class ApgdTargeted : Apgd
{
    public const int AutoAttackTargetClasses = 9;

    public int TargetClasses { get; }

    public ApgdTargeted(double epsilon, int targetClasses = AutoAttackTargetClasses, int iterations = 100, int restarts = 1,
                        double rho = DefaultRho, long seed = 0)
        : base(epsilon, iterations, restarts, rho, seed) =>
        TargetClasses = AttackArguments.AtLeast(targetClasses, 1, nameof(targetClasses));

    public override string Name => "apgd-t";

    protected override Tensor AttackRows(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor rows, PerImageGenerators random)
    {
        var ranked = OtherClassesByCleanLogit(model, x, y);
        var worst = new WorstCase(x);
        for (int rank = 0; rank < Math.Min(TargetClasses, ranked.shape[1]); rank++)
        {
            var target = ranked[.., rank];
            RunRestarts(model, x, y, rows, worst, active =>
            {
                var (labels, targets) = (y.index_select(0, active), target.index_select(0, active));
                return logits => DlrLoss.Targeted(logits, labels, targets);
            }, random);
        }
        return worst.Points;
    }

    /// <summary>(B, classes − 1): every class but the label, by decreasing clean logit (the reference code's sorted targets).</summary>
    static Tensor OtherClassesByCleanLogit(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var noGrad = no_grad();
        var logits = model.forward(x);
        var label = nn.functional.one_hot(y, logits.shape[1]).to_type(ScalarType.Bool);
        var others = logits.masked_fill(label, double.NegativeInfinity);
        return others.topk((int)logits.shape[1] - 1, dim: 1).indexes;
    }

    public override string ToString() => $"APGD-T targets={TargetClasses} {Settings}";
}
