using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>A <see cref="BasicBlock"/> with its batch norms folded into its convolutions (<see cref="FoldedConvolution"/>):
/// act2(conv2(act1(conv1(x))) + shortcut(x)). Its layers keep the block's names, so its activations come in the block's order.</summary>
public sealed class FoldedBasicBlock : nn.Module<Tensor, Tensor>
{
    readonly FoldedConvolution conv1;
    readonly nn.Module<Tensor, Tensor> act1;
    readonly FoldedConvolution conv2;
    readonly nn.Module<Tensor, Tensor> shortcut;
    readonly nn.Module<Tensor, Tensor> act2;

    /// <param name="shortcut">The folded projection, or an empty Sequential: the identity.</param>
    public FoldedBasicBlock(FoldedConvolution conv1, nn.Module<Tensor, Tensor> act1, FoldedConvolution conv2,
                            nn.Module<Tensor, Tensor> shortcut, nn.Module<Tensor, Tensor> act2) : base(nameof(FoldedBasicBlock))
    {
        this.conv1 = conv1;
        this.act1 = act1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
        this.act2 = act2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return act2.forward(conv2.forward(act1.forward(conv1.forward(x))) + shortcut.forward(x)).MoveToOuterDisposeScope();
    }
}
