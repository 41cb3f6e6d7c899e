using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Ledger;
using Kwta.Model.Models;

namespace Kwta.Model.Reproduction;

/// <summary>Builds a cell's ledger file (or one shard of it) by attacking its images, and prepares the merge of its shards.</summary>
public static class CellBuilder
{
    public static CellBuild.Result Build(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory,
                                         LedgerShard shard, Action<CellProgress>? progress = null)
    {
        var identity = CellIdentity.Of(planned, images, modelsDirectory);
        using var cell = new CellAttack(planned, images, modelsDirectory, ForwardPaths.Default);
        int batch = LedgerPlan.Settings(planned.Scale).BatchSize;
        var path = planned.Ledger.PathIn(ledgerDirectory);
        bool distrusted = shard.IsWhole && File.Exists(path) && CellReader.Refusal(planned, identity, images, ledgerDirectory) is not null and not StaleLedgerException;
        var result = CellBuild.Run(identity.Header, planned.Table.ImageIndices, shard, path,
                                   indices => RobustAccuracy.Evaluate(cell.Model, cell.Attack, images, indices, batch).Outcomes, batch, progress, distrusted,
                                   ForwardPaths.Machine(ForwardPaths.Default));
        if (result == CellBuild.Result.Built && shard.IsWhole) LedgerDigests.Record(planned.Ledger, ledgerDirectory);
        return result;
    }

    /// <summary>The cell's shards joined and checked against the cell's identity; written by <see cref="LedgerMerge.Prepared.Commit"/>.</summary>
    public static LedgerMerge.Prepared PrepareMerge(PlannedCell planned, LabeledImages images, string modelsDirectory, string ledgerDirectory) =>
        LedgerMerge.Prepare(planned.Ledger, ledgerDirectory, CellIdentity.Of(planned, images, modelsDirectory).Header);
}
