using TorchSharp;
using TorchSharp.PyBridge;
using Kwta.Model.IO;

namespace Kwta.Model.Persistence;

/// <summary>Weights for PyTorch users: a state_dict with PyTorch's dotted parameter names
/// (e.g. <c>stages.stage1_block1.conv1.weight</c>), as safetensors or as a <c>torch.save</c> pickle.</summary>
public static class ModelExport
{
    public static readonly IReadOnlyList<string> Formats = ["safetensors", "pytorch"];

    public static void Save(torch.nn.Module model, string path, string format)
    {
        // Checked before AtomicFile creates the output's folder.
        if (!Formats.Contains(format)) throw new ArgumentException($"Unknown export format '{format}'. Known: {string.Join(", ", Formats)}.", nameof(format));
        AtomicFile.Write(path, temporary =>
        {
            if (format == "safetensors") model.save_safetensors(temporary);
            else model.save_py(temporary);
        });
    }

    public static void LoadSafetensors(torch.nn.Module model, string path) => model.load_safetensors(path);
}
