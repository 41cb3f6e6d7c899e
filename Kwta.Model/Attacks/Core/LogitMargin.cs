using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>Tramèr et al.'s loss: true-class logit minus the best other logit, per sample; negative iff misclassified.</summary>
public static class LogitMargin
{
    public static Tensor Of(Tensor logits, Tensor y)
    {
        using var scope = NewDisposeScope();
        var trueClass = nn.functional.one_hot(y, logits.shape[1]).to_type(ScalarType.Bool);
        var bestOther = logits.masked_fill(trueClass, double.NegativeInfinity).amax(1);
        return (logits.gather(1, y.unsqueeze(1)).squeeze(1) - bestOther).MoveToOuterDisposeScope();
    }
}
