using Kwta.Model.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Kwta.Model.Models;

/// <summary>ResNet BasicBlock (He et al. 2016) with both activations swappable, as in the k-WTA paper's code.</summary>
public sealed class BasicBlock : Module<Tensor, Tensor>, IFoldable
{
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly ActivationLayer act1;
    readonly Conv2d conv2;
    readonly BatchNorm2d bn2;
    readonly Sequential shortcut;
    readonly ActivationLayer act2;

    public BasicBlock(long inChannels, long outChannels, long stride, ActivationSpec activation) : base(nameof(BasicBlock))
    {
        conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(outChannels);
        act1 = new ActivationLayer(activation);
        conv2 = Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        bn2 = BatchNorm2d(outChannels);
        shortcut = stride != 1 || inChannels != outChannels
            ? Sequential(Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), BatchNorm2d(outChannels))
            : Sequential();
        act2 = new ActivationLayer(activation);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = act1.forward(bn1.forward(conv1.forward(x)));
        h = bn2.forward(conv2.forward(h));
        return act2.forward(h + shortcut.forward(x)).MoveToOuterDisposeScope();
    }

    public Module<Tensor, Tensor> Folded() => new FoldedBasicBlock(
        new FoldedConvolution(conv1, bn1), FoldedModel.Copy(act1), new FoldedConvolution(conv2, bn2), FoldedModel.Sequence(shortcut), FoldedModel.Copy(act2));
}
