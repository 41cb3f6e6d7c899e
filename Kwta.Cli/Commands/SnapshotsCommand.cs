using System.CommandLine;
using Kwta.Model.IO;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta snapshots accept</c>: promotes every NAME.received.EXT of a snapshot folder (expected/ by default) to NAME.verified.EXT.</summary>
static class SnapshotsCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo?>("--expected") { Description = "Snapshot folder (default: the repository's expected/)." };
        var accept = new Command("accept", "Promote every received snapshot to verified (after reviewing the diff).") { directory };
        accept.SetAction(parse => CliErrors.Run(() =>
        {
            var accepted = SnapshotFiles.AcceptAll(parse.FolderOrDefault(directory, () => RepositoryLayout.Expected));
            Console.WriteLine(accepted.Count == 0 ? "no received snapshots" : $"accepted: {string.Join(", ", accepted)}");
        }));
        return new Command("snapshots", "Manage the verified result tables in expected/.") { accept };
    }
}
