using Kwta.Model.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Evaluation;

/// <summary>Class predictions of a model on a data set, in eval mode, batch by batch.</summary>
public static class Predictions
{
    public static int[] Of(nn.Module<Tensor, Tensor> model, LabeledImages images, int batchSize = 256,
                           Action<int, int>? progress = null)
    {
        model.eval();
        var predicted = new int[images.Count];
        using var noGrad = torch.no_grad();
        for (int start = 0; start < images.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var (x, _) = images.Range(start, batchSize);
            var batch = model.forward(x).argmax(1).to_type(ScalarType.Int32).data<int>().ToArray();
            batch.CopyTo(predicted, start);
            progress?.Invoke(start + batch.Length, images.Count);
        }
        return predicted;
    }

    /// <summary>Fraction of images whose prediction equals the label.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, LabeledImages images, int batchSize = 256) =>
        Accuracy(Of(model, images, batchSize), images.Labels);

    public static double Accuracy(IReadOnlyList<int> predicted, IReadOnlyList<byte> labels) =>
        labels.Count == 0 ? 0 : (double)predicted.Where((p, i) => p == labels[i]).Count() / labels.Count;
}
