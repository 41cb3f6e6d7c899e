using System.CommandLine;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Model.Models;

namespace Kwta.Cli.Commands;

/// <summary>Options several commands share. A default that is a folder of the repository is looked up only when a
/// command needs it (<see cref="FolderOrDefault"/>), so help, and commands given their folders, work outside a clone.</summary>
static class CommonOptions
{
    public static Option<DirectoryInfo> Data(bool required) => new("--data")
    {
        Description = "Folder with the official CIFAR-10 binary batches and/or MNIST IDX files (see docs/models.md, section Data).",
        Required = required,
    };

    public static Option<DirectoryInfo?> Models() => new("--models")
    {
        Description = "Folder with models.json and the weights (default: the repository's models/).",
    };

    public static Option<DirectoryInfo?> Fixtures() => new("--fixtures")
    {
        Description = "Folder with the test fixtures (default: the repository's fixtures/).",
    };

    public static Option<DirectoryInfo?> Ledger() => new("--ledger")
    {
        Description = "Folder of the results ledger (default: the repository's expected/ledger/).",
    };

    public static string LedgerFolder(this ParseResult parse, Option<DirectoryInfo?> option) =>
        parse.FolderOrDefault(option, () => RepositoryLayout.Ledger);

    /// <summary>--forward: the form of the model attacks run on (<see cref="ForwardPaths"/>); <paramref name="byDefault"/> null leaves it unset.</summary>
    public static Option<string?> Forward(string? byDefault, string description) => new("--forward")
    {
        Description = $"{string.Join(" or ", Enum.GetValues<ForwardPath>().Select(ForwardPaths.Name))}: {description}",
        DefaultValueFactory = _ => byDefault,
    };

    /// <summary>The form --forward names, or null where it was left unset.</summary>
    public static ForwardPath? ForwardPath(this ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? OptionErrors.Naming(option, () => ForwardPaths.Parse(text)) : null;

    public static Option<int> Threads(int defaultValue) => new("--threads")
    {
        Description = $"libtorch threads, 1 to this machine's {Environment.ProcessorCount} processors.",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>The folder given for <paramref name="option"/>, else its default in the repository.</summary>
    public static string FolderOrDefault(this ParseResult parse, Option<DirectoryInfo?> option, Func<string> repositoryFolder) =>
        parse.GetValue(option)?.FullName ?? RepositoryDefault(option, repositoryFolder);

    /// <summary>The default of <paramref name="option"/> in the repository; outside a clone, an error saying to pass it.</summary>
    public static string RepositoryDefault(Option option, Func<string> repositoryPath)
    {
        try
        {
            return repositoryPath();
        }
        catch (DirectoryNotFoundException e)
        {
            throw new ArgumentException($"pass {option.Name}: its default is in the repository, and {e.Message}");
        }
    }

    public static string ModelsFolder(this ParseResult parse, Option<DirectoryInfo?> option) =>
        parse.FolderOrDefault(option, () => RepositoryLayout.Models);

    /// <summary>The official test sets in <paramref name="data"/>'s folder when it is given, else the fixtures.</summary>
    public static DataSource ImageSource(this ParseResult parse, Option<DirectoryInfo> data, Option<DirectoryInfo?> fixtures) =>
        parse.GetValue(data) is { } official
            ? DataSource.FromOfficialTestSets(official.FullName)
            : DataSource.FromFixtures(parse.FolderOrDefault(fixtures, () => RepositoryLayout.Fixtures));

    /// <summary>The images of <paramref name="kind"/>; missing fixtures are reported with the option and the command that writes them.</summary>
    public static LabeledImages LoadImages(this DataSource source, DatasetKind kind, Option<DirectoryInfo?> fixtures)
    {
        try
        {
            return source.Load(kind);
        }
        catch (DataFormatException e) when (source.Kind == DataSourceKind.Fixtures && !File.Exists(e.FilePath))
        {
            throw new ArgumentException($"{e.Message} Pass {fixtures.Name} DIR, or write them with `kwta fixtures --data DIR`.", e);
        }
    }

    /// <summary>More threads than processors only slows libtorch down; 0 or fewer aborts it in native code.</summary>
    public static int CheckThreads(int threads) => threads >= 1 && threads <= Environment.ProcessorCount
        ? threads
        : throw new ArgumentException($"--threads must lie between 1 and {Environment.ProcessorCount} (this machine's processors); got {threads}.");
}
