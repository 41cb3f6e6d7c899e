using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Evaluation;

public static class Predictions
{
    /// <summary>The arg-max class of each sample, computed without building a graph.</summary>
    public static Tensor Of(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return model.forward(x).argmax(1).MoveToOuterDisposeScope();
    }
}
