using Kwta.Model.Activations;
using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>"We replace ReLU by k-WTA in a trained network and fine-tune" (the reproduction's incremental workflow).</summary>
public class ActivationSwapTests
{
    [TestCase("resnet18-w16", 16)]
    [TestCase("alexnet-cifar", 7)]
    [TestCase("mnist-cnn", 5)]
    [TestCase("mnist-mlp", 1)]
    public void Swap_converts_every_activation_slot_and_changes_the_output(string architecture, int slots)
    {
        torch.manual_seed(1);
        using var model = ModelRegistry.Create(architecture, ActivationSpec.Relu);
        model.eval();
        using var scope = NewDisposeScope();
        var x = rand([2, .. ModelRegistry.Get(architecture).InputShape]);
        var before = model.forward(x);

        ActivationSwap.ToKwta(model, 0.2).Should().Be(slots);
        ActivationSwap.Layers(model).Should().HaveCount(slots).And.OnlyContain(l => l.Spec == ActivationSpec.Kwta(0.2));
        var afterFirstSwap = model.forward(x);
        afterFirstSwap.allclose(before).Should().BeFalse();

        ActivationSwap.ToKwta(model, 0.1).Should().Be(slots, "k-WTA 0.2 → 0.1 changes every slot again");
        model.forward(x).allclose(afterFirstSwap).Should().BeFalse();
    }

    [Test]
    public void The_ResNet_stem_keeps_its_ReLU_as_in_the_papers_code()
    {
        using var model = new ResNet18(16, ActivationSpec.Relu);
        // 8 BasicBlocks × 2 activations; the stem's ReLU is not a slot.
        ActivationSwap.Layers(model).Should().HaveCount(16);
    }
}
