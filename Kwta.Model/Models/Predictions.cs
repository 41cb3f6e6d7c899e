using Kwta.Model.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>Class predictions of a model, without building a graph.</summary>
public static class Predictions
{
    /// <summary>The arg-max class of each sample of a batch.</summary>
    public static Tensor Of(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return model.forward(x).argmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>Predictions for a whole data set, in eval mode, batch by batch.</summary>
    public static int[] Of(nn.Module<Tensor, Tensor> model, LabeledImages images, int batchSize = 256)
    {
        model.eval();
        var predicted = new int[images.Count];
        for (int start = 0; start < images.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var (x, _) = images.Range(start, batchSize);
            var batch = Of(model, x).to_type(ScalarType.Int32).data<int>().ToArray();
            batch.CopyTo(predicted, start);
        }
        return predicted;
    }

    /// <summary>Fraction of images whose prediction equals the label.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, LabeledImages images, int batchSize = 256) =>
        Accuracy(Of(model, images, batchSize), images.Labels);

    public static double Accuracy(IReadOnlyList<int> predicted, IReadOnlyList<byte> labels) =>
        labels.Count == 0 ? 0 : (double)predicted.Where((p, i) => p == labels[i]).Count() / labels.Count;
}
