using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>The fast kernel's autograd node. Forward and backward are the same <see cref="WinnerGate"/>
/// pass, on x and on the upstream gradient, with the thresholds found once in the forward.</summary>
internal sealed class FastKwtaFunction : autograd.SingleTensorFunction<FastKwtaFunction>
{
    const string ThresholdsKey = "thresholds";

    public override string Name => nameof(KWinnersTakeAll);

    /// <param name="vars">The contiguous float32 input and its per-row thresholds (float[]).</param>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var thresholds = (float[])vars[1];
        ctx.save_for_backward([x]);
        ctx.save_data(ThresholdsKey, thresholds);
        return WinnerGate.Apply(x, x, thresholds);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        using var scope = NewDisposeScope();
        var x = ctx.get_saved_variables()[0];
        var thresholds = (float[])ctx.get_data(ThresholdsKey);
        var gradInput = WinnerGate.Apply(x, gradOutput.contiguous(), thresholds);
        // One entry per forward argument; the thresholds are not a tensor and get no gradient.
        return [gradInput.MoveToOuterDisposeScope(), null!];
    }
}
