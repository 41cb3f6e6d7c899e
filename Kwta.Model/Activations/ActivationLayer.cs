using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>
/// A swappable activation slot. Models put one wherever the paper allows ReLU or k-WTA, so the
/// reproduction's incremental workflow (ReLU → k-WTA 0.2 → k-WTA 0.1) changes what the slot
/// computes without touching weights: activations have no parameters.
/// </summary>
public sealed class ActivationLayer : nn.Module<Tensor, Tensor>
{
    public ActivationSpec Spec { get; set; }
    public KwtaKernel Kernel { get; set; } = KwtaKernel.Fast;
    public KwtaBackward Backward { get; set; } = KwtaBackward.Exact;

    public ActivationLayer(ActivationSpec spec) : base(nameof(ActivationLayer))
    {
        Spec = spec;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Spec.Kind switch
    {
        ActivationKind.Relu => nn.functional.relu(x),
        ActivationKind.Kwta => KWinnersTakeAll.Forward(x, Spec.Sparsity, Kernel, Backward),
        _ => throw new InvalidOperationException($"Unknown activation kind {Spec.Kind}."),
    };
}
