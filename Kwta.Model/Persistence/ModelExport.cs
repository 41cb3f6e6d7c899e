using TorchSharp;
using TorchSharp.PyBridge;

namespace Kwta.Model.Persistence;

/// <summary>Weights for PyTorch users: a state_dict with PyTorch's dotted parameter names
/// (e.g. <c>stages.stage1_block1.conv1.weight</c>), as safetensors or as a <c>torch.save</c> pickle.</summary>
public static class ModelExport
{
    public static readonly IReadOnlyList<string> Formats = ["safetensors", "pytorch"];

    public static void Save(torch.nn.Module model, string path, string format) => AtomicFile.Write(path, temporary =>
    {
        switch (format)
        {
            case "safetensors": model.save_safetensors(temporary); break;
            case "pytorch": model.save_py(temporary); break;
            default: throw new ArgumentException($"Unknown export format '{format}'. Known: {string.Join(", ", Formats)}.", nameof(format));
        }
    });

    public static void LoadSafetensors(torch.nn.Module model, string path) => model.load_safetensors(path);
}
