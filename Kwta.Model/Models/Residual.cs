using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>activation(main(x) + shortcut(x)): a residual block whose parts are any modules, as a folded
/// <see cref="BasicBlock"/> is; an empty shortcut is the identity.</summary>
public sealed class Residual : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> main;
    readonly nn.Module<Tensor, Tensor> shortcut;
    readonly nn.Module<Tensor, Tensor> activation;

    public Residual(nn.Module<Tensor, Tensor> main, nn.Module<Tensor, Tensor> shortcut, nn.Module<Tensor, Tensor> activation)
        : base(nameof(Residual))
    {
        this.main = main;
        this.shortcut = shortcut;
        this.activation = activation;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return activation.forward(main.forward(x) + shortcut.forward(x)).MoveToOuterDisposeScope();
    }
}
