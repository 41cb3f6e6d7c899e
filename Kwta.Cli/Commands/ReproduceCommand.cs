using System.CommandLine;
using System.Diagnostics;
using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Reporting;
using Kwta.Model.Reproduction;
using Kwta.Model.Runtime;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta reproduce</c>: the README's main command. Runs the claims' experiments on every
/// family whose three models are shipped and writes report/REPORT.md and report/results.json.</summary>
static class ReproduceCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Models();
        var fixtures = CommonOptions.Fixtures();
        var full = new Option<bool>("--full") { Description = "Full-size run on the official test set (needs --data): PGD on 5000 images, Tramèr's finite-difference schedule. Hours on CPU." };
        var data = CommonOptions.Data(required: false);
        var output = new Option<DirectoryInfo?>("--output") { Description = "Report folder: absent, empty or an earlier report, which it replaces (default: the repository's report/)." };
        var family = new Option<string[]>("--family") { Description = "Only these families (default: every shipped one).", AllowMultipleArgumentsPerToken = true };
        var ledger = CommonOptions.Ledger();
        var noFigures = new Option<bool>("--no-figures") { Description = "Skip the ε sweep, loss surfaces and overhead benchmark (faster)." };
        var verdicts = new Option<FileSystemInfo?>("--verdicts")
        {
            Description = $"The recorded verdicts the report marks its own against: a {VerdictsFileName} file or the folder holding it (default: the repository's expected/).",
        };
        var command = new Command("reproduce", "Run the reproduction on the shipped models and write report/REPORT.md.") { models, fixtures, full, data, output, family, ledger, noFigures, verdicts };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PinnedNumerics.Apply(); // before libtorch's first operation
            var watch = Stopwatch.StartNew();
            var source = parse.ImageSource(data, fixtures);
            bool isFull = parse.GetValue(full);
            if (isFull && source.Kind != DataSourceKind.OfficialTestSets) throw new ArgumentException("--full runs on the official test set: pass --data DIR.");
            var run = new ReproductionRun(source, parse.ModelsFolder(models), isFull ? ReproductionSettings.Full : ReproductionSettings.Default,
                                          parse.LedgerFolder(ledger));
            var directory = parse.FolderOrDefault(output, () => Path.Combine(RepositoryLayout.Root, "report"));
            var recorded = LoadVerdicts(parse, verdicts);
            ReportFolder.EnsureReplaceable(directory); // before hours of work, not after
            OutputPath.CheckFolder(directory);
            var wanted = parse.GetValue(family) is { Length: > 0 } chosen ? chosen.Select(ModelFamily.Get).ToList() : [.. ModelFamily.All];
            // The images are read up front, so a missing file stops the run before hours of work, naming the option.
            foreach (var dataset in wanted.Select(f => f.Dataset).Distinct()) source.LoadImages(dataset, fixtures);
            var result = run.Execute(wanted, measureFigures: !parse.GetValue(noFigures), Console.WriteLine,
                                     familyDone: results => Console.Write(ResultTables.Markdown(results)));
            ReproductionReport.Write(directory, result, recorded);
            Console.WriteLine($"wrote {Path.Combine(directory, ReproductionReport.ReportFile)} and {ReproductionReport.ResultsFile} in {watch.Elapsed:hh\\:mm\\:ss}");
        }));
        return command;
    }

    static readonly string VerdictsFileName = Path.GetFileName(SnapshotFiles.Verified("", RecordedVerdicts.SnapshotName));

    /// <summary>The verdicts file <paramref name="option"/> names (or the one in the folder it names), else the
    /// repository's; read before any work, so a missing or malformed one stops the run at once.</summary>
    static RecordedVerdicts LoadVerdicts(ParseResult parse, Option<FileSystemInfo?> option)
    {
        var path = parse.GetValue(option) switch
        {
            DirectoryInfo folder => SnapshotFiles.Verified(folder.FullName, RecordedVerdicts.SnapshotName),
            { } file => file.FullName,
            null => CommonOptions.RepositoryDefault(option, () => SnapshotFiles.Verified(RepositoryLayout.Expected, RecordedVerdicts.SnapshotName)),
        };
        if (!File.Exists(path)) throw new ArgumentException($"{option.Name}: {path} does not exist.");
        try
        {
            return RecordedVerdicts.Parse(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
