using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// DeepFool in L∞ (Moosavi-Dezfooli et al. 2016) with foolbox 3's semantics
/// (<c>LinfDeepFoolAttack(steps, candidates, overshoot)</c>): the candidate classes are the
/// <c>candidates</c> largest clean logits (the first is the clean prediction); each step linearises
/// lₖ − l₀ for every other candidate, moves to the closest linearised boundary by
/// (|lₖ − l₀| / ‖∇(lₖ − l₀)‖₁ + 1e-4)·sign(∇(lₖ − l₀)), and sets x = clip(x₀ + (1 + overshoot)·Σ steps, 0, 1);
/// a sample stops moving once it is misclassified. <see cref="FindMinimal"/> returns that minimal
/// adversarial (or the last iterate if it failed); <see cref="Attack.Perturb"/> turns it into an attack at ε
/// by <see cref="Acceptance"/>.
/// </summary>
public sealed class DeepFoolLinf : LinfAttack
{
    /// <summary>foolbox's guard against a zero step (added to the distance) and a zero gradient (to the L1 norm).</summary>
    const double DistanceStabiliser = 1e-4, GradientStabiliser = 1e-8;

    public int Steps { get; }
    public int Candidates { get; }
    public double Overshoot { get; }
    public DeepFoolAcceptance Acceptance { get; }

    public DeepFoolLinf(double epsilon, int steps = 20, int candidates = 10, double overshoot = 0.02,
                        DeepFoolAcceptance acceptance = DeepFoolAcceptance.WithinEpsilon) : base(epsilon)
    {
        Steps = AttackArguments.AtLeast(steps, 1, nameof(steps));
        Candidates = AttackArguments.AtLeast(candidates, 2, nameof(candidates));
        Overshoot = AttackArguments.NonNegative(overshoot, nameof(overshoot));
        Acceptance = acceptance;
    }

    public override string Name => "deepfool";

    /// <summary>The minimal adversarial DeepFool finds, not bounded by ε (only clipped to [0, 1]).</summary>
    public Tensor FindMinimal(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) =>
        RunGuarded(model, x, y, () => Minimal(model, x.detach(), y));

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
    {
        var minimal = Minimal(model, x, y);
        if (Acceptance == DeepFoolAcceptance.ClipToEpsilon) return Project(minimal, x);
        var norm = (minimal - x).abs().flatten(1).amax(1);
        return where(PerSample(norm.le(Epsilon), x), minimal, x);
    }

    Tensor Minimal(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        var classes = CandidateClasses(model, x);
        var total = zeros_like(x);
        var xAdv = x.clone();
        // A sample stops once misclassified, so each step runs on the samples still classified correctly only.
        var active = arange(x.shape[0], dtype: ScalarType.Int64);
        for (int step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            var leaf = xAdv.index_select(0, active).requires_grad_(true);
            var logits = model.forward(leaf);
            var adversarial = logits.argmax(1).ne(y.index_select(0, active));
            if (adversarial.all().item<bool>()) break;

            // lₖ − l₀ for k = 1 … candidates−1, one forward pass and one backward pass per k.
            var candidates = classes.index_select(0, active);
            var differences = logits.gather(1, candidates[.., 1..]) - logits.gather(1, candidates[.., ..1]);
            int others = (int)differences.shape[1];
            var perClass = Enumerable.Range(0, others)
                .Select(k => autograd.grad([differences[.., k].sum()], [leaf], retain_graph: k < others - 1)[0].flatten(1))
                .ToArray();
            var grads = stack(perClass, 1);                                   // (B, K−1, D)
            var distances = differences.detach().abs() / (grads.abs().sum(2) + GradientStabiliser);
            var closest = distances.argmin(1, keepdim: true);                 // (B, 1)
            var distance = distances.gather(1, closest).squeeze(1) + DistanceStabiliser;
            var direction = grads.gather(1, closest.unsqueeze(2).expand(-1, 1, grads.shape[2])).squeeze(1).view_as(leaf);
            var moving = adversarial.logical_not().nonzero().squeeze(1);
            var rows = active.index_select(0, moving);
            var movedTotal = total.index_select(0, rows) + PerSample(distance, leaf).index_select(0, moving) * direction.index_select(0, moving).sign();
            total.index_copy_(0, rows, movedTotal);
            xAdv.index_copy_(0, rows, (x.index_select(0, rows) + (1 + Overshoot) * movedTotal).clamp_(0, 1));
            active = rows.MoveToOuterDisposeScope();
        }
        return xAdv;
    }

    /// <summary>The <see cref="Candidates"/> largest clean logits' classes, largest first (foolbox's argsort, flipped).</summary>
    Tensor CandidateClasses(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var noGrad = no_grad();
        var logits = model.forward(x);
        return logits.topk((int)Math.Min(Candidates, logits.shape[1]), dim: 1).indexes;
    }

    public override string ToString() => FormattableString.Invariant(
        $"DeepFool-L∞ ε={Epsilon} steps={Steps} candidates={Candidates} overshoot={Overshoot} acceptance={Acceptance}");
}
