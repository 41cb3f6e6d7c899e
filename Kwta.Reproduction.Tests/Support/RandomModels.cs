using Kwta.Model.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>Small seeded models for attack tests whose answer can be worked out by hand.</summary>
public static class RandomModels
{
    /// <summary>An MLP inputs → hidden → classes with one swappable activation slot, in eval mode.</summary>
    public static nn.Module<Tensor, Tensor> Mlp(int seed, long inputs, long hidden, long classes, ActivationSpec? activation = null)
    {
        torch.manual_seed(seed);
        var model = nn.Sequential(
            ("flatten", nn.Flatten()),
            ("fc1", nn.Linear(inputs, hidden)),
            ("act1", new ActivationLayer(activation ?? ActivationSpec.Relu)),
            ("fc2", nn.Linear(hidden, classes)));
        model.eval();
        return model;
    }

    /// <summary>An affine classifier logits = W·x + b, with W and b drawn from N(0, 1).</summary>
    public static nn.Module<Tensor, Tensor> Affine(int seed, long inputs, long classes)
    {
        torch.manual_seed(seed);
        var model = nn.Linear(inputs, classes);
        using (no_grad())
        {
            model.weight!.normal_();
            model.bias!.normal_();
        }
        model.eval();
        return model;
    }

    /// <summary><see cref="Affine"/> on flattened images, so it takes (B, C, H, W) batches as the shipped models do.</summary>
    public static nn.Module<Tensor, Tensor> AffineOnImages(int seed, long inputs, long classes)
    {
        var model = nn.Sequential(("flatten", nn.Flatten()), ("affine", Affine(seed, inputs, classes)));
        model.eval();
        return model;
    }
}
