using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// <see cref="First"/> on every image, then <see cref="Then"/> on the images it leaves robust (correct on the clean and
/// on the attacked image): the per-image worst case of the two, at the cost of the first attack plus the second on its
/// survivors. The gradient-masking indicators use it to ask whether a stronger PGD (more steps and restarts, or an
/// unbounded ε) breaks what PGD left standing. Each survivor keeps its own index, so a randomised second attack draws
/// the same numbers for it whatever else survived (<see cref="PerImageGenerators"/>).
/// </summary>
public sealed class SurvivorFollowUp(Attack first, Attack then) : Attack
{
    public Attack First { get; } = first;
    public Attack Then { get; } = then;

    public override string Name => $"{First.Name}+{Then.Name}";

    public override double LinfRadius => Math.Max(First.LinfRadius, Then.LinfRadius);

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
    {
        var adversarial = First.Perturb(model, x, y, images);
        var robust = Predictions.Of(model, x).eq(y).logical_and_(Predictions.Of(model, adversarial).eq(y));
        var rows = robust.nonzero().squeeze(1);
        if (rows.numel() == 0) return adversarial;
        var survivors = rows.data<long>().Select(row => images[row]).ToArray();
        var followedUp = Then.Perturb(model, x.index_select(0, rows), y.index_select(0, rows), survivors);
        return adversarial.index_copy_(0, rows, followedUp);
    }

    public override string ToString() => $"{First}, then on its survivors {Then}";
}
