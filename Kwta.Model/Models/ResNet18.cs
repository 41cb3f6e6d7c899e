using Kwta.Model.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Kwta.Model.Models;

/// <summary>
/// ResNet18 for 32×32 inputs, as in the k-WTA paper's code (kuangliu's CIFAR ResNet): 3×3 stem,
/// four stages of two BasicBlocks (width w, 2w, 4w, 8w), 4×4 average pool, linear. The stem keeps
/// a fixed ReLU (the paper's code does too); every BasicBlock activation is swappable.
/// Width 64 is the standard ResNet18; width 16 is what we train on CPU.
/// </summary>
public sealed class ResNet18 : Module<Tensor, Tensor>, IFoldable
{
    readonly Conv2d stem;
    readonly BatchNorm2d stemNorm;
    readonly Sequential stages;
    readonly Linear classifier;

    public long Width { get; }

    public ResNet18(long width, ActivationSpec activation, long classes = 10) : base(nameof(ResNet18))
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "ResNet18 width must be ≥ 1.");
        Width = width;
        stem = Conv2d(3, width, 3, stride: 1, padding: 1, bias: false);
        stemNorm = BatchNorm2d(width);
        var blocks = new List<(string, Module<Tensor, Tensor>)>();
        long channels = width;
        long[] stageWidths = [width, 2 * width, 4 * width, 8 * width];
        for (int s = 0; s < stageWidths.Length; s++)
        {
            long stride = s == 0 ? 1 : 2;
            blocks.Add(($"stage{s + 1}_block1", new BasicBlock(channels, stageWidths[s], stride, activation)));
            blocks.Add(($"stage{s + 1}_block2", new BasicBlock(stageWidths[s], stageWidths[s], 1, activation)));
            channels = stageWidths[s];
        }
        stages = Sequential(blocks);
        classifier = Linear(8 * width, classes);
        RegisterComponents();
    }

    /// <summary>The input shape of every swappable activation, in forward order, for a batch of 32×32 images:
    /// both activations of both blocks of stage s (1–4) see (batch, w·2^(s−1), 32/2^(s−1), 32/2^(s−1)).</summary>
    public IReadOnlyList<long[]> ActivationShapes(long batch) =>
        [.. from stage in Enumerable.Range(0, 4)
            from slot in Enumerable.Range(0, 4)
            select new[] { batch, Width << stage, 32 >> stage, 32 >> stage }];

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.relu(stemNorm.forward(stem.forward(x)));
        h = stages.forward(h);
        h = functional.avg_pool2d(h, 4).flatten(1);
        return classifier.forward(h).MoveToOuterDisposeScope();
    }

    public Module<Tensor, Tensor> Folded() => Sequential(
        ("stem", new FoldedConvolution(stem, stemNorm)), ("stemActivation", ReLU()), ("stages", FoldedModel.Sequence(stages)),
        ("pool", AvgPool2d(4)), ("flatten", Flatten()), ("classifier", FoldedModel.Copy(classifier)));
}
