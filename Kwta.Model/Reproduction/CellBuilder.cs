using System.Diagnostics;
using System.Globalization;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Ledger;
using Kwta.Model.Models;
using TorchSharp;

namespace Kwta.Model.Reproduction;

/// <summary>Builds a cell's ledger file (or one shard of it) by attacking its images, logging what the run cost
/// (<see cref="BuildLog"/>), and prepares the merge of its shards.</summary>
public static class CellBuilder
{
    public static CellBuild.Result Build(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory,
                                         LedgerShard shard, Action<CellProgress>? progress = null)
    {
        var (wall, cpu, attacked) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime, 0);
        var identity = CellIdentity.Of(planned, images, modelsDirectory);
        using var cell = new CellAttack(planned, images, modelsDirectory, ForwardPaths.Default);
        int batch = LedgerPlan.Settings(planned.Scale).BatchSize;
        var path = planned.Ledger.PathIn(ledgerDirectory);
        var machine = ForwardPaths.Machine(ForwardPaths.Default);
        bool distrusted = shard.IsWhole && File.Exists(path) && CellReader.Refusal(planned, identity, images, ledgerDirectory) is not null and not StaleLedgerException;
        var result = CellBuild.Run(identity.Header, planned.Table.ImageIndices, shard, path,
                                   indices => RobustAccuracy.Evaluate(cell.Model, cell.Attack, images, indices, batch).Outcomes, batch,
                                   p => { attacked = p.DoneThisRun; progress?.Invoke(p); }, distrusted, machine);
        if (result == CellBuild.Result.AlreadyFresh) return result;
        if (shard.IsWhole) LedgerDigests.Record(planned.Ledger, ledgerDirectory);
        BuildLog.Append(ledgerDirectory, new BuildRun(planned.Ledger.ToString(), shard.ToString(), attacked, wall.Elapsed.TotalSeconds,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, torch.get_num_threads(), machine,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
        return result;
    }

    /// <summary>The cell's shards joined and checked against the cell's identity; written by <see cref="LedgerMerge.Prepared.Commit"/>.</summary>
    public static LedgerMerge.Prepared PrepareMerge(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory) =>
        LedgerMerge.Prepare(planned.Ledger, ledgerDirectory, CellIdentity.Of(planned, images, modelsDirectory).Header);
}
