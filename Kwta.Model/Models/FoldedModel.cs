using Kwta.Model.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>
/// The form attacks run on: an eval-only copy of a model that computes the same function, up to float rounding, in
/// fewer and faster operations on CPU. Every convolution has its batch norm folded in and channels-last weights
/// (<see cref="FoldedConvolution"/>); every other layer is copied with its settings (an activation with its kernel and
/// backward), so the two forms live and are disposed apart, and an attack that swaps the activations' backward (BPDA)
/// swaps it in the form it is given. Its numbers differ from the model's in the last digits, so a ledger cell names
/// the form it was built on (<see cref="ForwardPath"/>).
/// </summary>
public static class FoldedModel
{
    public static nn.Module<Tensor, Tensor> Of(nn.Module<Tensor, Tensor> model) =>
        model is IFoldable foldable
            ? Eval(foldable.Folded())
            : throw new NotSupportedException($"{model.GetType().Name} has no folded form.");

    /// <summary>The layers of <paramref name="layers"/> in order, each convolution with the batch norm that follows it folded in.</summary>
    /// <exception cref="NotSupportedException">A batch norm follows no convolution, or a layer holds tensors of a kind not known here.</exception>
    public static Sequential Sequence(Sequential layers)
    {
        var children = layers.named_children().ToList();
        var folded = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i < children.Count; i++)
        {
            var (name, layer) = children[i];
            var next = i + 1 < children.Count ? children[i + 1].module : null;
            folded.Add((name, layer switch
            {
                Conv2d convolution when next is BatchNorm2d norm => Skip(ref i, new FoldedConvolution(convolution, norm)),
                Conv2d convolution => new FoldedConvolution(convolution, null),
                Linear linear => Copy(linear),
                ActivationLayer activation => Copy(activation),
                MaxPool2d pool => nn.MaxPool2d(pool.kernel_size, pool.stride, pool.padding, pool.dilation, pool.ceil_mode),
                Flatten flatten => nn.Flatten(flatten.start_dim, flatten.end_dim),
                Sequential inner => Sequence(inner),
                IFoldable foldable => foldable.Folded(),
                _ => throw new NotSupportedException($"Layer '{name}' ({layer.GetType().Name}) cannot be folded."),
            }));
        }
        return nn.Sequential(folded);
    }

    /// <summary>A linear layer with its own copy of the weights.</summary>
    public static Linear Copy(Linear linear)
    {
        var copy = nn.Linear(linear.in_features, linear.out_features, hasBias: linear.bias is not null);
        using var noGrad = no_grad();
        copy.weight!.copy_(linear.weight!);
        copy.bias?.copy_(linear.bias!);
        return copy;
    }

    /// <summary>An activation layer of the same spec, kernel and backward.</summary>
    public static ActivationLayer Copy(ActivationLayer activation) =>
        new(activation.Spec) { Kernel = activation.Kernel, Backward = activation.Backward };

    static T Skip<T>(ref int index, T folded)
    {
        index++;
        return folded;
    }

    static nn.Module<Tensor, Tensor> Eval(nn.Module<Tensor, Tensor> folded)
    {
        folded.eval();
        foreach (var parameter in folded.parameters()) parameter.requires_grad = false;
        return folded;
    }
}
