namespace Kwta.Model.Training;

/// <summary>Where a run stands, reported every few batches so a front end can draw progress and an ETA.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss,
                                      double RunningAccuracy, TimeSpan EpochElapsed)
{
    public TimeSpan EpochEta => Batch == 0 ? TimeSpan.Zero : EpochElapsed / Batch * (Batches - Batch);
}
