using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>Untargeted APGD (see <see cref="Apgd"/>) on the cross-entropy (APGD-CE, AutoAttack's first attack) or on the DLR loss (APGD-DLR).</summary>
public sealed class ApgdUntargeted(double epsilon, ApgdLoss loss = ApgdLoss.CrossEntropy, int iterations = 100, int restarts = 1,
                                   double rho = Apgd.DefaultRho, long seed = 0)
    : Apgd(epsilon, iterations, restarts, rho, seed)
{
    public ApgdLoss Loss { get; } = loss;

    public override string Name => Loss == ApgdLoss.CrossEntropy ? "apgd-ce" : "apgd-dlr";

    protected override Tensor AttackRows(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor rows, PerImageGenerators random)
    {
        var worst = new WorstCase(x);
        RunRestarts(model, x, y, rows, worst, active =>
        {
            var labels = y.index_select(0, active);
            return Loss == ApgdLoss.CrossEntropy
                ? logits => nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None)
                : logits => DlrLoss.Untargeted(logits, labels);
        }, random);
        return worst.Points;
    }

    public override string ToString() => $"APGD-{(Loss == ApgdLoss.CrossEntropy ? "CE" : "DLR")} {Settings}";
}
