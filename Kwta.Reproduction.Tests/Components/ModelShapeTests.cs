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
    public void ResNet18_activation_shapes_are_what_each_slot_sees()
    {
        using var model = new ResNet18(16, ActivationSpec.Relu);
        var layers = ActivationSwap.Layers(model);
        var shapes = model.ActivationShapes(2);
        shapes.Should().HaveCount(layers.Count);
        using var scope = NewDisposeScope();
        var images = rand(2, 3, 32, 32);
        for (int slot = 0; slot < layers.Count; slot++)
        {
            // A k-WTA too sparse to keep any unit makes the slot report its units per sample.
            ActivationSwap.SwapAll(model, ActivationSpec.Relu);
            layers[slot].Spec = ActivationSpec.Kwta(1e-9);
            var units = shapes[slot].Skip(1).Aggregate(1L, (a, b) => a * b);
            model.Invoking(m => m.forward(images)).Should().Throw<ArgumentOutOfRangeException>()
                 .WithMessage($"*a sample with {units} units*", $"slot {slot} should see {string.Join("×", shapes[slot])}");
        }
    }

    [Test]
    public void Unknown_architecture_names_the_known_ones()
    {
        var act = () => ModelRegistry.Get("resnet50");
        act.Should().Throw<ArgumentException>().WithMessage("*resnet50*resnet18-w16*mnist-cnn*");
    }
}
