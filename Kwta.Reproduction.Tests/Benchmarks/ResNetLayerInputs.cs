using Kwta.Model.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Benchmarks;

/// <summary>
/// What every conv2d, batch norm and ReLU of one <see cref="ResNet18"/> forward pass receives, with the module that
/// receives it, so each layer type can be timed on its real inputs. TorchSharp's forward() runs no hooks, so the pass
/// is replayed here module by module (ResNet18.forward and BasicBlock.forward, with ReLU activations);
/// <see cref="Logits"/> lets the caller check that the replay is the model's pass.
/// </summary>
sealed class ResNetLayerInputs
{
    public List<(Conv2d Layer, Tensor Input)> Convolutions { get; } = [];
    public List<(BatchNorm2d Layer, Tensor Input)> BatchNorms { get; } = [];
    public List<Tensor> Relus { get; } = [];
    public Tensor Logits { get; }

    /// <summary>Call inside the caller's dispose scope: the captured inputs live as long as it.</summary>
    public ResNetLayerInputs(ResNet18 model, Tensor x)
    {
        using var noGrad = no_grad();
        var layers = Children(model);
        var h = Relu(Normalize(layers["stemNorm"], Convolve(layers["stem"], x)));
        foreach (var (_, block) in ((Sequential)layers["stages"]).named_children())
            h = Block(Children(block), h);
        Logits = ((Linear)layers["classifier"]).forward(nn.functional.avg_pool2d(h, 4).flatten(1));
    }

    Tensor Block(Dictionary<string, nn.Module> layers, Tensor x)
    {
        var h = Relu(Normalize(layers["bn1"], Convolve(layers["conv1"], x)));
        h = Normalize(layers["bn2"], Convolve(layers["conv2"], h));
        var shortcut = ((Sequential)layers["shortcut"]).children().ToList();
        return Relu(h + (shortcut.Count == 0 ? x : Normalize(shortcut[1], Convolve(shortcut[0], x))));
    }

    Tensor Convolve(nn.Module layer, Tensor input)
    {
        var convolution = (Conv2d)layer;
        Convolutions.Add((convolution, input));
        return convolution.forward(input);
    }

    Tensor Normalize(nn.Module layer, Tensor input)
    {
        var norm = (BatchNorm2d)layer;
        BatchNorms.Add((norm, input));
        return norm.forward(input);
    }

    Tensor Relu(Tensor input)
    {
        Relus.Add(input);
        return nn.functional.relu(input);
    }

    static Dictionary<string, nn.Module> Children(nn.Module module) => module.named_children().ToDictionary(c => c.name, c => c.module);
}
