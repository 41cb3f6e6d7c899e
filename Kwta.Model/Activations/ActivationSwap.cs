using TorchSharp;

namespace Kwta.Model.Activations;

/// <summary>Changes every swappable activation of a module tree in place.</summary>
public static class ActivationSwap
{
    public static IReadOnlyList<ActivationLayer> Layers(torch.nn.Module model) =>
        model.modules().OfType<ActivationLayer>().ToList();

    /// <summary>Sets every activation slot to <paramref name="spec"/>; returns how many slots changed.</summary>
    public static int SwapAll(torch.nn.Module model, ActivationSpec spec)
    {
        int changed = 0;
        foreach (var layer in Layers(model))
        {
            if (layer.Spec != spec) changed++;
            layer.Spec = spec;
        }
        return changed;
    }

    /// <summary>ReLU → k-WTA(γ) and k-WTA(γ1) → k-WTA(γ), the reproduction's incremental step.</summary>
    public static int ToKwta(torch.nn.Module model, double sparsity) => SwapAll(model, ActivationSpec.Kwta(sparsity));

    public static void SetKernel(torch.nn.Module model, KwtaKernel kernel)
    {
        foreach (var layer in Layers(model)) layer.Kernel = kernel;
    }

    public static void SetBackward(torch.nn.Module model, KwtaBackward backward)
    {
        foreach (var layer in Layers(model)) layer.Backward = backward;
    }

    /// <summary>The activation shared by all slots, or null if they differ.</summary>
    public static ActivationSpec? Current(torch.nn.Module model)
    {
        var specs = Layers(model).Select(l => l.Spec).Distinct().ToList();
        return specs.Count == 1 ? specs[0] : null;
    }
}
