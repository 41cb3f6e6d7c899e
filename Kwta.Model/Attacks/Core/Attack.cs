using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// An adversarial attack on a classifier, batched (torchattacks style): <see cref="Perturb"/> takes
/// images in [0, 1] and their labels and returns adversarial images of the same shape.
/// The model runs in eval mode during the attack (its previous mode is restored afterwards) and
/// gradients are taken with respect to the input only, so no parameter gradient accumulates.
/// </summary>
public abstract class Attack
{
    /// <summary>The name the CLI and the reports use, e.g. "pgd".</summary>
    public abstract string Name { get; }

    /// <summary>The largest ‖x_adv − x‖∞ it can return (unbounded by default): the ledger refuses a row beyond it.</summary>
    public virtual double LinfRadius => double.PositiveInfinity;

    /// <param name="images">Each row's index in the evaluated set, from which a randomised attack draws that image's
    /// randomness (<see cref="PerImageGenerators"/>); default 0, 1, …, as if the batch were the whole set.</param>
    /// <param name="clean">The model's predictions on x where the caller has them (the evaluation of robust accuracy
    /// does), so an attack that starts from them does not compute them again.</param>
    public Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[]? images = null, Tensor? clean = null)
    {
        var indices = AttackArguments.ImageIndices(images, x);
        return RunGuarded(model, x, y, () => clean is null ? Generate(model, x.detach(), y, indices) : Generate(model, x.detach(), y, indices, clean));
    }

    /// <summary>The attack proper: <paramref name="x"/> is validated and detached, the model is in eval mode,
    /// and every tensor created here is disposed except the returned one; <paramref name="images"/> are the rows' indices.</summary>
    protected abstract Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images);

    /// <summary><see cref="Generate(nn.Module{Tensor, Tensor}, Tensor, Tensor, long[])"/> given the model's predictions on x;
    /// an attack that needs them overrides this.</summary>
    protected virtual Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images, Tensor clean) =>
        Generate(model, x, y, images);

    /// <summary>Validation, eval mode and a dispose scope around <paramref name="attack"/>; shared by every public entry point.</summary>
    protected static Tensor RunGuarded(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Func<Tensor> attack)
    {
        AttackArguments.ValidateBatch(x, y);
        using var evaluation = new EvalMode(model);
        // Callers may evaluate under no_grad; the attack needs input gradients regardless.
        using var gradients = enable_grad();
        using var scope = NewDisposeScope();
        return attack().detach().MoveToOuterDisposeScope();
    }

    /// <summary>∂ loss(input) / ∂ input via autograd.grad, which fills no parameter's .grad.</summary>
    protected static Tensor InputGradient(Tensor input, Func<Tensor, Tensor> loss)
    {
        var leaf = input.detach().requires_grad_(true);
        return autograd.grad([loss(leaf)], [leaf])[0];
    }

    /// <summary>Gradient of the summed cross-entropy: per sample, the gradient of its own loss
    /// (samples do not interact in eval mode), as foolbox's and torchattacks' PGD use.</summary>
    protected static Tensor CrossEntropyGradient(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) =>
        InputGradient(x, input => nn.functional.cross_entropy(model.forward(input), y, reduction: nn.Reduction.Sum));

    /// <summary>Reshapes one value per sample, (B), to (B, 1, …, 1) so it broadcasts against <paramref name="batch"/>.</summary>
    protected static Tensor PerSample(Tensor values, Tensor batch) =>
        values.view([values.shape[0], .. Enumerable.Repeat(1L, (int)batch.dim() - 1)]);
}
