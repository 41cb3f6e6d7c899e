using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>The fast kernel's autograd node: the forward gate pass records the winners as bits, the backward
/// passes the upstream gradient where they are set (<see cref="WinnerGate"/>).</summary>
internal sealed class FastKwtaFunction : autograd.SingleTensorFunction<FastKwtaFunction>
{
    public override string Name => nameof(KWinnersTakeAll);

    /// <param name="vars">The contiguous float32 input and its per-row thresholds (float[]).</param>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (output, winners) = WinnerGate.Forward((Tensor)vars[0], (float[])vars[1], recordWinners: true);
        ctx.save_for_backward([winners!]);
        return output;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        using var scope = NewDisposeScope();
        var gradInput = WinnerGate.Backward(gradOutput.contiguous(), ctx.get_saved_variables()[0]);
        // One entry per forward argument; the thresholds are not a tensor and get no gradient.
        return [gradInput.MoveToOuterDisposeScope(), null!];
    }
}
