using System.CommandLine;
using Kwta.Model.Data;
using Kwta.Model.IO;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta fixtures --data DIR</c>: writes the small test fixtures from the official test sets.</summary>
static class FixturesCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var output = new Option<DirectoryInfo?>("--output") { Description = "Where to write the fixtures (default: the repository's fixtures/)." };
        var command = new Command("fixtures", "Write fixtures/ (first 1000 CIFAR-10 and MNIST test images) from the official files.") { data, output };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var folder = OutputPath.CheckFolder(parse.FolderOrDefault(output, () => RepositoryLayout.Fixtures));
            foreach (var file in Fixtures.Write(parse.GetValue(data)!.FullName, folder))
                Console.WriteLine($"wrote {file}");
        }));
        return command;
    }
}
