using System.CommandLine;
using Kwta.Model.IO;
using Kwta.Model.Persistence;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta export</c>: a shipped model's weights in a format PyTorch loads.</summary>
static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Shipped model name (see `kwta info`).", Required = true };
        var format = new Option<string>("--format") { Description = $"One of: {string.Join(", ", ModelExport.Formats)}.", DefaultValueFactory = _ => "safetensors" };
        format.AcceptOnlyFromAmong([.. ModelExport.Formats]);
        var output = new Option<FileInfo?>("--output") { Description = "Output file (default: NAME.safetensors or NAME.pt in the current folder)." };
        var models = CommonOptions.Models();
        var command = new Command("export", "Export a shipped model's weights for PyTorch (safetensors or torch.save format).") { model, format, output, models };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var name = parse.GetValue(model)!;
            var chosen = parse.GetValue(format)!;
            var path = OutputPath.CheckFile(parse.GetValue(output)?.FullName ?? $"{name}.{(chosen == "pytorch" ? "pt" : "safetensors")}");
            using var loaded = ModelFile.LoadShipped(name, parse.ModelsFolder(models));
            ModelExport.Save(loaded, path, chosen);
            Console.WriteLine($"wrote {path} ({chosen}, {loaded.state_dict().Count} tensors)");
        }));
        return command;
    }
}
