using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>
/// The paper's loss-surface figure: cross-entropy of one image at x + a·sign(∇x) + b·r, with r a random
/// sign direction, over a grid of (a, b) in [−ε, ε]². ReLU gives a smooth surface; k-WTA's is cut by
/// discontinuities wherever the winner set changes, which is what makes its gradients unreliable.
/// </summary>
public static class LossLandscape
{
    public const int GridPoints = 21;

    /// <summary>Loss values [b, a] for the family's ReLU model and the given k-WTA model, on image <paramref name="index"/>.</summary>
    public static double[,] Surface(ModelFamily family, ActivationSpec activation, LabeledImages images, int index, string modelsDirectory,
                                    double epsilon, long seed)
    {
        using var model = ModelFile.LoadShipped(family.ModelName(activation), modelsDirectory);
        using var scope = NewDisposeScope();
        var (x, y) = images.Range(index, 1);
        var input = x.clone().requires_grad_(true);
        using (var gradients = enable_grad())
            nn.functional.cross_entropy(model.forward(input), y).backward();
        var gradientDirection = input.grad!.sign();
        var generator = new Generator((ulong)seed);
        var randomDirection = rand(x.shape, generator: generator).lt(0.5).to_type(ScalarType.Float32).mul(2).sub(1);
        var steps = linspace(-epsilon, epsilon, GridPoints);
        // All grid points in one batch: point (b, a) is x + a·g + b·r, clipped to the image range.
        var a = steps.view(1, GridPoints, 1, 1, 1);
        var b = steps.view(GridPoints, 1, 1, 1, 1);
        var points = (x + a * gradientDirection + b * randomDirection).clamp(0, 1).view([GridPoints * GridPoints, .. x.shape[1..]]);
        using var noGrad = no_grad();
        var losses = nn.functional.cross_entropy(model.forward(points), y.expand(GridPoints * GridPoints), reduction: nn.Reduction.None)
                       .to_type(ScalarType.Float64).data<double>().ToArray();
        var surface = new double[GridPoints, GridPoints];
        for (int i = 0; i < losses.Length; i++) surface[i / GridPoints, i % GridPoints] = losses[i];
        return surface;
    }
}
