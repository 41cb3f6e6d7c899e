using Kwta.Model.Evaluation;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>C9's silent-gradient indicator on classifiers whose input gradient is known in closed form.</summary>
public class InputGradientSilenceTests
{
    const long Inputs = 12, Classes = 4, Samples = 6;

    static (Tensor X, Tensor Y) Batch()
    {
        var generator = new Generator(3);
        return (rand([Samples, Inputs], generator: generator), randint(Classes, [Samples], generator: generator));
    }

    /// <summary>logits = scale · (W x + b): ∂CE/∂x = scale · Wᵀ (softmax − onehot).</summary>
    static nn.Module<Tensor, Tensor> ScaledAffine(double scale)
    {
        var model = RandomModels.Affine(seed: 4, Inputs, Classes);
        using (no_grad())
        {
            model.parameters().ToList().ForEach(p => p.mul_(scale));
        }
        return model;
    }

    [Test]
    public void An_affine_classifier_with_a_soft_softmax_has_a_nonzero_gradient_on_every_image()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Batch();
        InputGradientSilence.Silent(ScaledAffine(1), x, y).any().item<bool>().Should().BeFalse();
    }

    [Test]
    public void A_classifier_that_ignores_its_input_is_silent_on_every_image()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Batch();
        InputGradientSilence.Silent(ScaledAffine(0), x, y).all().item<bool>().Should().BeTrue("W = 0 makes ∂CE/∂x = 0");
    }

    [Test]
    public void A_saturated_softmax_silences_exactly_the_images_it_classifies_correctly()
    {
        // At scale 1e6 every logit gap exceeds float32's exp range, so softmax is exactly one-hot: the gradient vanishes
        // where the prediction is right (softmax = onehot(y)) and is ±W where it is wrong.
        using var scope = NewDisposeScope();
        var (x, _) = Batch();
        var model = ScaledAffine(1e6);
        var predicted = model.forward(x).argmax(1);
        var y = predicted.clone();
        y[0] = (predicted[0] + 1).remainder(Classes);

        InputGradientSilence.Silent(model, x, y).data<bool>().ToArray()
            .Should().Equal(Enumerable.Range(0, (int)Samples).Select(i => i != 0));
    }

    [Test]
    public void A_gradient_with_a_non_finite_entry_counts_as_silent()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Batch();
        var model = ScaledAffine(1);
        using (no_grad()) model.parameters().First()[0, 0] = float.NaN;
        InputGradientSilence.Silent(model, x, y).all().item<bool>().Should().BeTrue("a NaN weight reaches every image's gradient");
    }

    [Test]
    public void Measuring_a_set_in_batches_flags_each_requested_image_as_its_own_gradient_does()
    {
        var images = TinyTrainedModels.HeldOutMnist.Take(10);
        using var model = TinyTrainedModels.MnistMlp();
        int[] requested = [3, 1, 4, 8, 0];
        // A huge output bias on image 3's class saturates the softmax there: silent where that class is the label, loud elsewhere.
        using (no_grad()) model.parameters().Last()[images.Labels[3]] = 1e6f;

        var flags = InputGradientSilence.Measure(model, images, requested, batchSize: 2);

        using var scope = NewDisposeScope();
        var expected = requested.Select(i =>
        {
            var (x, y) = images.Batch([i]);
            return InputGradientSilence.Silent(model, x, y).item<bool>();
        });
        flags.Should().Equal(expected).And.Contain(true).And.Contain(false);
    }
}
