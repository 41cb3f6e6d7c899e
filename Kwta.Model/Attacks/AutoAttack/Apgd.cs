using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Auto-PGD in L∞ (Croce &amp; Hein, ICML 2020, Algorithm 1; defaults of their reference code, fra31/auto-attack):
/// from a random start x + ε·t/‖t‖∞ (t uniform in [−1, 1]ᴰ, clipped to [0, 1]), <see cref="Iterations"/> steps
/// z = Π(x⁽ᵏ⁾ + η·sign(∇)), x⁽ᵏ⁺¹⁾ = Π(x⁽ᵏ⁾ + α(z − x⁽ᵏ⁾) + (1 − α)(x⁽ᵏ⁾ − x⁽ᵏ⁻¹⁾)) with α = 1 on the first
/// step and 0.75 after, and the step η starting at 2ε. At each checkpoint (<see cref="ApgdCheckpoints"/>) a
/// sample's step is halved and it restarts from its highest-loss point if its loss rose in at most
/// ρ·(iterations since the last checkpoint) of those iterations, or if neither its step nor its best loss
/// changed since the last checkpoint. Restarts run only on the samples not yet misclassified; each sample
/// keeps its worst case (<see cref="WorstCase"/>). Subclasses choose the loss.
/// </summary>
public abstract class Apgd : SurvivorAttack
{
    public const double DefaultRho = 0.75;
    const double InitialStepInEpsilons = 2, Momentum = 0.75;

    public int Iterations { get; }
    public int Restarts { get; }
    public double Rho { get; }
    public IReadOnlyList<int> Checkpoints { get; }

    protected Apgd(double epsilon, int iterations, int restarts, double rho, long seed) : base(epsilon, seed)
    {
        Iterations = AttackArguments.AtLeast(iterations, 1, nameof(iterations));
        Restarts = AttackArguments.AtLeast(restarts, 1, nameof(restarts));
        Rho = rho > 0 && rho <= 1 ? rho : throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must lie in (0, 1].");
        Checkpoints = ApgdCheckpoints.For(iterations);
    }

    /// <summary>
    /// Runs the restarts on <paramref name="rows"/> and folds each into <paramref name="worst"/>. <paramref name="lossFor"/>
    /// gives, for the rows a restart attacks, the per-sample loss of their logits that APGD maximises.
    /// </summary>
    private protected void RunRestarts(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor rows, WorstCase worst,
                                       Func<Tensor, Func<Tensor, Tensor>> lossFor, PerImageGenerators random)
    {
        for (int restart = 0; restart < Restarts; restart++)
        {
            using var scope = NewDisposeScope();
            var active = worst.NotFooled(rows);
            if (active.numel() == 0) break;
            var xActive = x.index_select(0, active);
            using var activeRandom = random.Select(active.data<long>().ToArray());
            var start = RandomStart(xActive, activeRandom.Uniform(xActive).mul_(2).sub_(1));
            worst.Offer(active, Search(model, xActive, y.index_select(0, active), start, lossFor(active)));
        }
    }

    /// <summary>x + ε·t/‖t‖∞ for t uniform in [−1, 1]ᴰ, clipped to [0, 1] (the reference code's start).</summary>
    Tensor RandomStart(Tensor x, Tensor t)
    {
        var largest = t.abs().flatten(1).amax(1).add_(1e-12);
        return (x + Epsilon * t / PerSample(largest, t)).clamp_(0, 1);
    }

    /// <summary>One APGD run from <paramref name="start"/>: the highest-loss point (or, if that one is classified correctly,
    /// the last misclassified iterate, if any), the highest loss and whether any iterate was misclassified.</summary>
    SearchResult Search(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor start, Func<Tensor, Tensor> loss)
    {
        var current = start.clone();
        var previous = start.clone();
        var (currentLoss, gradient, fooled) = Evaluate(model, current, y, loss);
        var best = current.clone();
        var bestLoss = currentLoss.clone();
        var bestGradient = gradient.clone();
        var bestFooled = fooled.clone();
        var lastFooled = current.clone();
        var anyFooled = fooled.clone();
        var step = full(x.shape[0], InitialStepInEpsilons * Epsilon, dtype: x.dtype);
        var increases = zeros(x.shape[0], dtype: ScalarType.Int64);
        var bestLossAtCheckpoint = bestLoss.clone();
        var reducedAtCheckpoint = ones(x.shape[0], dtype: ScalarType.Bool);
        int nextCheckpoint = 1;
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            using var scope = NewDisposeScope();
            double alpha = iteration == 0 ? 1 : Momentum;
            var z = Project(current + PerSample(step, x) * gradient.sign(), x);
            var next = Project(current + alpha * (z - current) + (1 - alpha) * (current - previous), x);
            previous.copy_(current);
            current.copy_(next);

            var (newLoss, newGradient, newFooled) = Evaluate(model, current, y, loss);
            increases.add_(newLoss.gt(currentLoss));
            currentLoss.copy_(newLoss);
            gradient.copy_(newGradient);
            lastFooled.copy_(where(PerSample(newFooled, x), current, lastFooled));
            anyFooled.logical_or_(newFooled);
            var improved = newLoss.gt(bestLoss);
            best.copy_(where(PerSample(improved, x), current, best));
            bestGradient.copy_(where(PerSample(improved, x), newGradient, bestGradient));
            bestLoss.copy_(where(improved, newLoss, bestLoss));
            bestFooled.copy_(where(improved, newFooled, bestFooled));

            if (nextCheckpoint < Checkpoints.Count && iteration + 1 == Checkpoints[nextCheckpoint])
            {
                int since = Checkpoints[nextCheckpoint] - Checkpoints[nextCheckpoint - 1];
                var oscillating = increases.le(Rho * since);
                var stalled = reducedAtCheckpoint.logical_not().logical_and(bestLossAtCheckpoint.ge(bestLoss));
                var reduce = oscillating.logical_or(stalled);
                step.copy_(where(reduce, step / 2, step));
                // x⁽ᵏ⁻¹⁾ stays the iterate before the replaced one, so the next momentum term is x_best − x⁽ᵏ⁻¹⁾ (as the reference code does).
                current.copy_(where(PerSample(reduce, x), best, current));
                gradient.copy_(where(PerSample(reduce, x), bestGradient, gradient));
                reducedAtCheckpoint.copy_(reduce);
                bestLossAtCheckpoint.copy_(bestLoss);
                increases.zero_();
                nextCheckpoint++;
            }
        }
        var point = where(PerSample(bestFooled.logical_or(anyFooled.logical_not()), x), best, lastFooled);
        return new SearchResult(point, bestLoss, anyFooled);
    }

    /// <summary>Per-sample loss, the gradient of their sum with respect to the input (which fills no parameter's .grad),
    /// and whether each sample is misclassified.</summary>
    static (Tensor Loss, Tensor Gradient, Tensor Fooled) Evaluate(nn.Module<Tensor, Tensor> model, Tensor point, Tensor y, Func<Tensor, Tensor> loss)
    {
        using var scope = NewDisposeScope();
        var leaf = point.detach().requires_grad_(true);
        var logits = model.forward(leaf);
        var perSample = loss(logits);
        var gradient = autograd.grad([perSample.sum()], [leaf])[0];
        var fooled = logits.detach().argmax(1).ne(y);
        return (perSample.detach().MoveToOuterDisposeScope(), gradient.MoveToOuterDisposeScope(), fooled.MoveToOuterDisposeScope());
    }

    protected string Settings => FormattableString.Invariant(
        $"ε={Epsilon} iterations={Iterations} restarts={Restarts} ρ={Rho} seed={Seed}");
}
