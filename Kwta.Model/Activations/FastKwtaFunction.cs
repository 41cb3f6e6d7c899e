using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Activations;

/// <summary>The fast kernel's autograd node. Its forward only hands on the output <see cref="FastKwta"/> already
/// computed and keeps the winner bits; its backward passes the upstream gradient where they are set.</summary>
internal sealed class FastKwtaFunction : autograd.SingleTensorFunction<FastKwtaFunction>
{
    /// <summary>Passed as one non-tensor argument, so the graph's only input is x.</summary>
    public sealed record Result(Tensor Output, Tensor Winners);

    /// <summary>
    /// The gradient this thread's previous backward returned. TorchSharp hands autograd a copy of a returned
    /// tensor but leaves the managed wrapper, and with it the memory, to the caller's dispose scope: in a
    /// training step that keeps every layer's input gradient alive until the step ends. By the next backward
    /// on this thread autograd has long taken its copy, so the wrapper is released then.
    /// </summary>
    [ThreadStatic] static Tensor? returnedGradient;

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
        returnedGradient?.Dispose();
        using (var scope = NewDisposeScope())
        {
            returnedGradient = WinnerGate.Backward(gradOutput.contiguous(), ctx.get_saved_variables()[0]).DetachFromDisposeScope();
        }
        // The wrapper TorchSharp made for the incoming gradient is ours alone; autograd keeps its own reference.
        gradOutput.Dispose();
        // One entry per forward argument; the result is not a tensor and gets no gradient.
        return [returnedGradient, null!];
    }
}
