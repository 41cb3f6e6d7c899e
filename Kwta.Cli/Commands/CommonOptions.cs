using System.CommandLine;
using Kwta.Model.Persistence;

namespace Kwta.Cli.Commands;

/// <summary>Options several commands share, with the repository's folders as defaults.</summary>
static class CommonOptions
{
    public static Option<DirectoryInfo> Data(bool required) => new("--data")
    {
        Description = "Folder with the official CIFAR-10 binary batches and/or MNIST IDX files (see README, Data).",
        Required = required,
    };

    public static Option<DirectoryInfo> Models() => new("--models")
    {
        Description = "Folder with models.json and the weights (default: the repository's models/).",
        DefaultValueFactory = _ => new DirectoryInfo(RepositoryLayout.Models),
    };

    public static Option<DirectoryInfo> Fixtures() => new("--fixtures")
    {
        Description = "Folder with the test fixtures (default: the repository's fixtures/).",
        DefaultValueFactory = _ => new DirectoryInfo(RepositoryLayout.Fixtures),
    };
}
