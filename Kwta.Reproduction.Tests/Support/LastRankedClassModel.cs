using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// A 10-class affine classifier on 20 inputs whose only reachable class is the one with the lowest clean logit: classes
/// 0–8 have zero weights and biases 0, −1, …, −8, so no input moves them, and class 9 has weights 10 and bias −110.
/// At <see cref="Input"/> (every value 0.5) the label is 0 and class 9's logit is −10, the lowest; it gains 10·20·δ
/// for a move of δ in every input, so it overtakes class 0 at an L∞ distance of exactly 0.05. An attack that skips its
/// last-ranked class (a target or a candidate) cannot break these images.
/// </summary>
public static class LastRankedClassModel
{
    public const int Inputs = 20;

    /// <summary>The L∞ distance from <see cref="Input"/> to class 9's boundary: 10 / ‖w₉ − w₀‖₁.</summary>
    public const double BoundaryDistance = 10.0 / (10 * Inputs);

    public static nn.Module<Tensor, Tensor> Create()
    {
        var model = nn.Linear(Inputs, 10);
        using (no_grad())
        {
            model.weight!.zero_();
            model.weight[9].fill_(10);
            model.bias!.copy_(tensor(new float[] { 0, -1, -2, -3, -4, -5, -6, -7, -8, -110 }));
        }
        model.eval();
        return model;
    }

    /// <summary><paramref name="images"/> copies of the input 0.5 everywhere, and their label 0.</summary>
    public static (Tensor X, Tensor Y) Input(int images) => (full(images, Inputs, 0.5f), zeros(images, dtype: ScalarType.Int64));
}
