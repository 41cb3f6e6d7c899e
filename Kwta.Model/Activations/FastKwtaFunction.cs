using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>The fast kernel's autograd node. Its forward only hands on the output <see cref="FastKwta"/> already
/// computed and keeps the winner bits; its backward passes the upstream gradient where they are set.</summary>
internal sealed class FastKwtaFunction : autograd.SingleTensorFunction<FastKwtaFunction>
{
    /// <summary>Passed as one non-tensor argument, so the graph's only input is x.</summary>
    public sealed record Result(Tensor Output, Tensor Winners);

    public override string Name => nameof(KWinnersTakeAll);

    /// <param name="vars">The input x (the graph edge) and its <see cref="Result"/>.</param>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var result = (Result)vars[1];
        ctx.save_for_backward([result.Winners]);
        return result.Output;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        using var scope = NewDisposeScope();
        var gradInput = WinnerGate.Backward(gradOutput.contiguous(), ctx.get_saved_variables()[0]);
        // One entry per forward argument; the result is not a tensor and gets no gradient.
        return [gradInput.MoveToOuterDisposeScope(), null!];
    }
}
