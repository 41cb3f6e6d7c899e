using System.CommandLine;
using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Spectre.Console;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta info</c>: registered architectures and shipped models.</summary>
static class InfoCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Models();
        var command = new Command("info", "List the registered architectures and the shipped models.") { models };
        command.SetAction(parse => CliErrors.Run(() => Print(parse.ModelsFolder(models))));
        return command;
    }

    public static void Print(string modelsDirectory)
    {
        var manifest = ModelManifest.Load(modelsDirectory); // a missing folder is an error before any output
        // Piped, Spectre assumes 80 columns and wraps the tables; a file or a grep wants whole lines.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 1000;
        var architectures = new Table().AddColumns("architecture", "data", "parameters", "activation slots", "description");
        foreach (var a in ModelRegistry.All)
        {
            using var model = a.Create(ActivationSpec.Relu);
            architectures.AddRow(a.Name, a.Dataset.Id(), $"{ModelRegistry.ParameterCount(model):N0}",
                                 ActivationSwap.Layers(model).Count.ToString(), Markup.Escape(a.Description));
        }
        AnsiConsole.Write(architectures);

        if (manifest.Models.Count == 0)
        {
            AnsiConsole.WriteLine($"No models shipped yet ({Path.Combine(modelsDirectory, ModelManifest.FileName)} lists none).");
            return;
        }
        var shipped = new Table().AddColumns("model", "architecture", "activation", "clean acc.", "test images", "s/epoch", "file");
        foreach (var m in manifest.Models)
            shipped.AddRow(m.Name, m.Architecture, m.Activation, $"{m.CleanAccuracy:P2}", m.TestImages.ToString(),
                           $"{m.SecondsPerEpoch:F0}", m.File);
        AnsiConsole.Write(shipped);
    }
}
