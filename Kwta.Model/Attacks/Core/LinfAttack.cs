using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>An attack whose result stays in the L∞ ball of radius ε around the input, intersected with [0, 1].</summary>
public abstract class LinfAttack : Attack
{
    public double Epsilon { get; }

    protected LinfAttack(double epsilon) => Epsilon = AttackArguments.NonNegative(epsilon, nameof(epsilon));

    public override double LinfRadius => Epsilon;

    /// <summary>Nearest point of [x − ε, x + ε] ∩ [0, 1] (the box is separable, so clamping twice is exact).</summary>
    public Tensor Project(Tensor candidate, Tensor x)
    {
        using var scope = NewDisposeScope();
        return candidate.clamp(x - Epsilon, x + Epsilon).clamp_(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>x plus uniform noise in [−ε, ε], projected (foolbox and torchattacks' random start).</summary>
    protected Tensor UniformStart(Tensor x, PerImageGenerators random)
    {
        using var scope = NewDisposeScope();
        var noise = random.Uniform(x).mul_(2 * Epsilon).sub_(Epsilon);
        return Project(x + noise, x).MoveToOuterDisposeScope();
    }
}
