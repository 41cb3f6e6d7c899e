using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Runtime;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The folded form attacks run on computes the model's function: a batch norm folds into its convolution by
/// the closed form, and every shipped model's logits and input gradients repeat within float rounding.</summary>
public class FoldedModelTests
{
    // Declared before measuring: float32 rounding through ~20 layers, relative to the largest logit or gradient entry.
    const double LogitTolerance = 1e-4;
    const double GradientTolerance = 1e-3;

    static IEnumerable<TestCaseData> Shipped() =>
        ModelManifest.Load(RepositoryLayout.Models).Models.Select(m => new TestCaseData(m.Name).SetName($"Folded {m.Name} gives the model's logits and input gradients"));

    [Test]
    public void A_batch_norm_folds_into_its_convolution_by_the_closed_form()
    {
        // conv: 2x + 1; norm: γ = 4, β = 5, μ = 3, σ² + ε = 3 + 1 → 4·(2x + 1 − 3)/2 + 5 = 4x + 1.
        using var convolution = nn.Conv2d(1, 1, 1);
        using var norm = nn.BatchNorm2d(1, eps: 1);
        using (no_grad())
        {
            convolution.weight!.fill_(2);
            convolution.bias!.fill_(1);
            norm.weight!.fill_(4);
            norm.bias!.fill_(5);
            norm.running_mean!.fill_(3);
            norm.running_var!.fill_(3);
        }
        using var folded = new FoldedConvolution(convolution, norm);
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -2, 0, 0.5f, 3 }).reshape(1, 1, 2, 2);
        folded.forward(x).data<float>().ToArray().Should().Equal(-7, 1, 3, 13);
    }

    [Test]
    public void A_folded_convolution_without_a_norm_is_the_convolution_with_channels_last_weights()
    {
        using var convolution = nn.Conv2d(3, 5, 3, stride: 2, padding: 1);
        using var folded = new FoldedConvolution(convolution, null);
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 9, 9, generator: new Generator(7));
        var expected = convolution.forward(x);
        folded.forward(x).allclose(expected, rtol: 0, atol: 1e-6).Should().BeTrue();
        var weight = folded.buffers().First();
        weight.stride().Should().Equal(27, 1, 9, 3);
    }

    [Test]
    public void A_batch_norm_that_follows_no_convolution_is_refused_by_name()
    {
        using var layers = nn.Sequential(("norm", nn.BatchNorm2d(3)));
        FluentActions.Invoking(() => FoldedModel.Sequence(layers)).Should().Throw<NotSupportedException>().WithMessage("*'norm'*");
    }

    [TestCaseSource(nameof(Shipped))]
    public void Folded_form_repeats_the_models_logits_and_input_gradients(string name)
    {
        using var model = ModelFile.LoadShipped(name, RepositoryLayout.Models);
        model.eval();
        using var folded = FoldedModel.Of(model);
        var images = Fixtures.Load(ModelRegistry.Get(ModelManifest.Load(RepositoryLayout.Models).Get(name, RepositoryLayout.Models).Architecture).Dataset, RepositoryLayout.Fixtures);
        using var scope = NewDisposeScope();
        var (x, y) = images.Range(0, 64);
        var (logits, gradient) = LogitsAndGradient(model, x, y);
        var (foldedLogits, foldedGradient) = LogitsAndGradient(folded, x, y);
        double logitError = (foldedLogits - logits).abs().max().item<float>() / Math.Max(1, logits.abs().max().item<float>());
        double gradientError = (foldedGradient - gradient).abs().max().item<float>() / gradient.abs().max().item<float>();
        TestContext.Out.WriteLine($"{name}: largest logit difference {logitError:E2}, input gradient {gradientError:E2} (relative)");
        logitError.Should().BeLessThanOrEqualTo(LogitTolerance);
        gradientError.Should().BeLessThanOrEqualTo(GradientTolerance);
    }

    [Test]
    public void Folded_form_copies_each_activation_with_its_kernel_and_backward_and_each_form_outlives_the_other()
    {
        using var model = new ResNet18(4, ActivationSpec.Kwta(0.2));
        model.eval();
        using var scope = NewDisposeScope();
        var x = rand(2, 3, 32, 32);
        ActivationSwap.Layers(model)[3].Backward = KwtaBackward.Relu;
        ActivationSwap.Layers(model)[5].Kernel = KwtaKernel.Reference;
        var folded = FoldedModel.Of(model);
        ActivationSwap.Layers(folded).Select(l => (l.Spec, l.Kernel, l.Backward)).Should()
            .Equal(ActivationSwap.Layers(model).Select(l => (l.Spec, l.Kernel, l.Backward)));
        ActivationSwap.Layers(folded).Should().NotIntersectWith(ActivationSwap.Layers(model));
        ActivationSwap.Layers(model)[3].Backward = KwtaBackward.Exact;
        ActivationSwap.Layers(folded)[3].Backward.Should().Be(KwtaBackward.Relu);
        folded.Dispose();
        var logits = model.forward(x);
        using var prepared = ForwardPaths.Prepare(model, ForwardPath.Folded); // disposes the model
        prepared.forward(x).allclose(logits, rtol: 0, atol: 1e-4).Should().BeTrue();
    }

    [Test]
    public void A_cell_names_the_form_it_was_built_on_in_its_machine_line()
    {
        ForwardPaths.Of(ForwardPaths.Machine(ForwardPath.Folded)).Should().Be(ForwardPath.Folded);
        ForwardPaths.Of(ForwardPaths.Machine(ForwardPath.AsTrained)).Should().Be(ForwardPath.AsTrained);
        ForwardPaths.Of(PinnedNumerics.Machine()).Should().Be(ForwardPath.AsTrained, "cells from before the folded form name none");
    }

    static (Tensor Logits, Tensor Gradient) LogitsAndGradient(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        var input = x.detach().requires_grad_(true);
        var logits = model.forward(input);
        var gradient = autograd.grad([nn.functional.cross_entropy(logits, y)], [input])[0];
        return (logits.detach(), gradient);
    }
}
