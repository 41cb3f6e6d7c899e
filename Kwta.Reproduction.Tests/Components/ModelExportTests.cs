using Kwta.Model.Activations;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>PyTorch users can take our weights: safetensors with PyTorch's state_dict names.</summary>
public class ModelExportTests : ScratchDirectoryTest
{

    [Test]
    public void A_model_round_trips_through_safetensors_with_identical_outputs()
    {
        torch.manual_seed(5);
        using var model = ModelRegistry.Create("resnet18-w16", ActivationSpec.Kwta(0.2));
        model.eval();
        var path = Path.Combine(scratch, "m.safetensors");
        ModelExport.Save(model, path, "safetensors");

        torch.manual_seed(6);
        using var reloaded = ModelRegistry.Create("resnet18-w16", ActivationSpec.Kwta(0.2));
        reloaded.eval();
        ModelExport.LoadSafetensors(reloaded, path);
        using var scope = NewDisposeScope();
        var x = rand(2, 3, 32, 32);
        reloaded.forward(x).SameAs(model.forward(x)).Should().BeTrue();
        model.state_dict().Keys.Should().Contain(["stem.weight", "stages.stage1_block1.conv1.weight", "stages.stage4_block1.shortcut.0.weight",
                                                  "stemNorm.running_mean", "classifier.bias"]);
    }

    [Test]
    public void Unknown_format_is_rejected_naming_the_known_ones()
    {
        using var model = ModelRegistry.Create("mnist-mlp", ActivationSpec.Relu);
        var act = () => ModelExport.Save(model, Path.Combine(scratch, "m.x"), "onnx");
        act.Should().Throw<ArgumentException>().WithMessage("*onnx*safetensors, pytorch*");
        File.Exists(Path.Combine(scratch, "m.x")).Should().BeFalse("nothing half-written on failure");
    }
}
