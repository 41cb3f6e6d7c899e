using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// Wraps a model so that it cannot be differentiated: a forward pass while autograd records (the only kind a
/// backward pass can follow) throws. An exception thrown inside a backward pass would cross libtorch's
/// callback and end the process, so the refusal comes one step earlier. Under no_grad it works normally.
/// </summary>
public sealed class GradientRefusingModel : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> inner;

    public GradientRefusingModel(nn.Module<Tensor, Tensor> inner) : base(nameof(GradientRefusingModel))
    {
        this.inner = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        is_grad_enabled() ? throw new InvalidOperationException("this model cannot be differentiated") : inner.forward(x);
}
