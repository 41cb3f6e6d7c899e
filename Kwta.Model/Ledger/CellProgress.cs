namespace Kwta.Model.Ledger;

/// <summary>How far one cell's build is: samples done of the shard's total, with an estimate of the time left from
/// this run's pace (images resumed from a partial file cost nothing and are left out of the pace).</summary>
public sealed record CellProgress(string Cell, int Done, int Total, int DoneThisRun, TimeSpan Elapsed)
{
    public TimeSpan? Remaining => DoneThisRun == 0 ? null : Elapsed / DoneThisRun * (Total - Done);

    public override string ToString() =>
        $"{Cell}: {Done}/{Total} images, {Elapsed:hh\\:mm\\:ss} elapsed" + (Remaining is { } left ? $", about {left:hh\\:mm\\:ss} left" : "");
}
