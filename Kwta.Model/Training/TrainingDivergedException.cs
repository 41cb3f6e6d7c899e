namespace Kwta.Model.Training;

/// <summary>The loss became NaN or infinite; training stopped at once, so no checkpoint holds the diverged weights.</summary>
public sealed class TrainingDivergedException(int epoch, int batch, int batches, float loss)
    : Exception($"training diverged: the loss is {loss} at epoch {epoch}, batch {batch} of {batches}; the checkpoint of the last completed epoch is kept. Lower the learning rate or clip the gradient norm.");
