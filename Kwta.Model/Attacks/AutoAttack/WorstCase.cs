using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Per sample of a batch, the worst case found over several runs (restarts, target classes): the first
/// misclassifying point once one is found, else the point with the highest loss. Starts at x with loss −∞.
/// </summary>
sealed class WorstCase(Tensor x)
{
    public Tensor Points { get; } = x.clone();
    public Tensor Loss { get; } = full(x.shape[0], double.NegativeInfinity, dtype: x.dtype);
    public Tensor Fooled { get; } = zeros(x.shape[0], dtype: ScalarType.Bool);

    /// <summary>Those of <paramref name="rows"/> not yet misclassified.</summary>
    public Tensor NotFooled(Tensor rows)
    {
        using var scope = NewDisposeScope();
        return rows.masked_select(Fooled.index_select(0, rows).logical_not()).MoveToOuterDisposeScope();
    }

    /// <summary>Keeps, for each of <paramref name="rows"/>, the run's result if it is worse for the model than the one kept.</summary>
    public void Offer(Tensor rows, SearchResult result)
    {
        using var scope = NewDisposeScope();
        var keptFooled = Fooled.index_select(0, rows);
        var worse = result.Fooled.logical_and(keptFooled.logical_not())
            .logical_or(keptFooled.logical_or(result.Fooled).logical_not().logical_and(result.Loss.gt(Loss.index_select(0, rows))));
        var perSample = worse.view([worse.shape[0], .. Enumerable.Repeat(1L, (int)Points.dim() - 1)]);
        Points.index_copy_(0, rows, where(perSample, result.Point, Points.index_select(0, rows)));
        Loss.index_copy_(0, rows, where(worse, result.Loss, Loss.index_select(0, rows)));
        Fooled.index_copy_(0, rows, keptFooled.logical_or(result.Fooled));
    }
}

