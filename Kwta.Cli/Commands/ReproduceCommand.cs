using System.CommandLine;
using Kwta.Model.Data;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta reproduce</c>: the README's main command. For now: the inventory of fixtures and models.</summary>
static class ReproduceCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Models();
        var fixtures = CommonOptions.Fixtures();
        var command = new Command("reproduce", "Run the reproduction on the shipped models and fixtures.") { models, fixtures };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var fixturesDirectory = parse.GetValue(fixtures)!.FullName;
            foreach (var kind in Enum.GetValues<DatasetKind>())
            {
                var set = Fixtures.Load(kind, fixturesDirectory);
                Console.WriteLine($"fixture {kind.Id()}: {set.Count} images from {set.Source}, first labels {string.Join(",", set.Labels[..5])}");
            }
            InfoCommand.Print(parse.GetValue(models)!.FullName);
        }));
        return command;
    }
}
