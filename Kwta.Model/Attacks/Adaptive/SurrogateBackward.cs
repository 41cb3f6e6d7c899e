using Kwta.Model.Activations;
using TorchSharp;

namespace Kwta.Model.Attacks;

/// <summary>
/// Sets every k-WTA slot of a model to a surrogate backward (BPDA) until disposed, then restores each
/// slot's own previous setting, also when the attack in between throws. The forward output is unchanged:
/// only the gradient differs (see <see cref="KwtaBackward"/>).
/// </summary>
public sealed class SurrogateBackward : IDisposable
{
    readonly List<(ActivationLayer Layer, KwtaBackward Previous)> saved;

    public SurrogateBackward(torch.nn.Module model, KwtaBackward surrogate)
    {
        saved = ActivationSwap.Layers(model).Select(l => (l, l.Backward)).ToList();
        ActivationSwap.SetBackward(model, surrogate);
    }

    public void Dispose()
    {
        foreach (var (layer, previous) in saved) layer.Backward = previous;
    }
}
