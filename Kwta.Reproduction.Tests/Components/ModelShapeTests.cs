using Kwta.Model.Activations;
using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

public class ModelShapeTests
{
    // Budgets: the shipped CPU models stay small; width 64 is the standard ResNet18 (11.17 M).
    [TestCase("resnet18-w16", 800_000)]
    [TestCase("resnet18-w64", 11_200_000)]
    [TestCase("alexnet-cifar", 2_500_000)]
    [TestCase("mnist-cnn", 1_000_000)]
    [TestCase("mnist-mlp", 110_000)]
    public void Each_model_maps_a_batch_to_ten_logits_within_its_parameter_budget(string architecture, long budget)
    {
        var arch = ModelRegistry.Get(architecture);
        foreach (var activation in new[] { ActivationSpec.Relu, ActivationSpec.Kwta(0.1) })
        {
            using var model = arch.Create(activation);
            model.eval();
            using var scope = NewDisposeScope();
            var logits = model.forward(rand([3, .. arch.InputShape]));
            logits.shape.Should().Equal(3, 10);
            long parameters = ModelRegistry.ParameterCount(model);
            TestContext.Out.WriteLine($"{architecture} ({activation}): {parameters:N0} parameters");
            parameters.Should().BeLessThanOrEqualTo(budget);
        }
    }

    [Test]
    public void The_standard_width_ResNet18_has_the_standard_parameter_count()
    {
        using var model = new ResNet18(64, ActivationSpec.Relu);
        ModelRegistry.ParameterCount(model).Should().Be(11_173_962);
    }

    [Test]
    public void Unknown_architecture_names_the_known_ones()
    {
        var act = () => ModelRegistry.Get("resnet50");
        act.Should().Throw<ArgumentException>().WithMessage("*resnet50*resnet18-w16*mnist-cnn*");
    }
}
