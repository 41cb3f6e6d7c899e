using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// The iterative L∞ attacks (FGSM, PGD, finite-difference PGD): from a start point, take
/// <see cref="Steps"/> steps x ← Π(x + α·sign(d)), where d is an ascent direction of the attack's loss
/// and Π projects onto [x₀ − ε, x₀ + ε] ∩ [0, 1] after every step.
/// </summary>
public abstract class SignedStepAttack : LinfAttack
{
    public double StepSize { get; }
    public int Steps { get; }

    protected SignedStepAttack(double epsilon, double stepSize, int steps) : base(epsilon)
    {
        StepSize = AttackArguments.Positive(stepSize, nameof(stepSize));
        Steps = AttackArguments.AtLeast(steps, 1, nameof(steps));
    }

    /// <summary>A direction in which the attack's loss increases at <paramref name="xAdv"/>; only its sign is used.</summary>
    protected abstract Tensor AscentDirection(nn.Module<Tensor, Tensor> model, Tensor xAdv, Tensor y, int iteration, PerImageGenerators? random);

    /// <summary>True for attacks that leave a sample alone once the model misclassifies it (Tramèr et al.'s loop).</summary>
    protected virtual bool StopsWhenMisclassified => false;

    /// <summary>Runs the steps from <paramref name="start"/> (already inside the ε-ball) and returns the end point.</summary>
    protected Tensor Ascend(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor start, PerImageGenerators? random)
    {
        var xAdv = start.clone();
        for (int i = 0; i < Steps; i++)
        {
            using var scope = NewDisposeScope();
            if (!StopsWhenMisclassified)
            {
                xAdv.copy_(Step(model, xAdv, x, y, i, random));
                continue;
            }
            var active = Predictions.Of(model, xAdv).eq(y).nonzero().squeeze(1);
            if (active.numel() == 0) break;
            using var activeRandom = random?.Select(active.data<long>().ToArray());
            var moved = Step(model, xAdv.index_select(0, active), x.index_select(0, active), y.index_select(0, active), i, activeRandom);
            xAdv.index_copy_(0, active, moved);
        }
        return xAdv;
    }

    Tensor Step(nn.Module<Tensor, Tensor> model, Tensor xAdv, Tensor x, Tensor y, int iteration, PerImageGenerators? random)
    {
        var direction = AscentDirection(model, xAdv, y, iteration, random);
        return Project(xAdv + StepSize * direction.sign(), x);
    }
}
