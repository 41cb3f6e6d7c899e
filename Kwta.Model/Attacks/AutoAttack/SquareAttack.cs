using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// The Square attack in L∞ (Andriushchenko, Croce, Flammarion, Hein, ECCV 2020), AutoAttack's gradient-free
/// member: it only queries the model's logits, so masked or obfuscated gradients do not stop it. It minimises the
/// margin z_y − max_{i≠y} zᵢ by random search: start from vertical stripes x + ε·s (one random sign per channel
/// and column), then per iteration propose changing one square window of side <see cref="SquareSchedule.SideAt"/>,
/// in every channel, to x ± ε (a random sign per channel) and keep the proposal where it lowers the margin.
/// A sample stops as soon as its margin is ≤ 0 (misclassified), unless <see cref="StopsWhenFooled"/> is false: then
/// every sample uses every query, a fixed amount of work (what timing a query needs). Each sample draws its own
/// stripes, window and signs from its own generator, as the paper's code does (AutoAttack's draws one window for
/// the whole batch), so its result does not depend on the other samples; the window's corner is uniform over all
/// H − s + 1 rows and W − s + 1 columns, as in the paper. One query for the stripes, then up to <see cref="SquareSchedule.Queries"/>.
/// Needs images (B, C, H, W).
/// </summary>
public sealed class SquareAttack : SurvivorAttack
{
    public const int AutoAttackQueries = 5000;

    public SquareSchedule Schedule { get; }

    /// <summary>Whether a sample stops at its first misclassifying point (AutoAttack's Square, the default).</summary>
    public bool StopsWhenFooled { get; }

    public SquareAttack(double epsilon, int queries = AutoAttackQueries, double initialFraction = SquareSchedule.AutoAttackInitialFraction,
                        bool rescaleSchedule = false, long seed = 0, bool stopWhenFooled = true) : base(epsilon, seed)
    {
        StopsWhenFooled = stopWhenFooled;
        AttackArguments.AtLeast(queries, 1, nameof(queries));
        if (!(initialFraction > 0 && initialFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(initialFraction), initialFraction, "initialFraction must lie in (0, 1].");
        Schedule = new SquareSchedule(initialFraction, queries, rescaleSchedule);
    }

    public override string Name => "square";

    protected override Tensor AttackRows(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor rows, PerImageGenerators random)
    {
        if (x.dim() != 4)
            throw new ArgumentException($"the Square attack needs images (B, C, H, W); got [{string.Join(", ", x.shape)}].", nameof(x));
        var (channels, height, width) = (x.shape[1], (int)x.shape[2], (int)x.shape[3]);
        using var survivorsRandom = random.Select(rows.data<long>().ToArray());
        var clean = x.index_select(0, rows);
        var labels = y.index_select(0, rows);
        var stripes = Signs(survivorsRandom.Uniform(empty([rows.shape[0], channels, 1, width], dtype: x.dtype)));
        var best = (clean + Epsilon * stripes).clamp_(0, 1);
        var margin = Margin(model, best, labels);
        var rowOf = arange(height, dtype: ScalarType.Int64).view(1, 1, height, 1);
        var columnOf = arange(width, dtype: ScalarType.Int64).view(1, 1, 1, width);
        for (int iteration = 0; iteration < Schedule.Queries; iteration++)
        {
            using var scope = NewDisposeScope();
            var active = StopsWhenFooled ? margin.gt(0).nonzero().squeeze(1) : arange(margin.shape[0], dtype: ScalarType.Int64);
            if (active.numel() == 0) break;
            int side = Schedule.SideAt(iteration, height, width);
            // Per sample: the window's top row, its left column and one sign per channel.
            using var activeRandom = survivorsRandom.Select(active.data<long>().ToArray());
            var draws = activeRandom.Uniform(empty([active.shape[0], 2 + channels], dtype: x.dtype));
            var top = Corner(draws[.., 0], height - side);
            var left = Corner(draws[.., 1], width - side);
            var inWindow = rowOf.ge(top).logical_and(rowOf.lt(top + side)).logical_and(columnOf.ge(left)).logical_and(columnOf.lt(left + side));
            var window = inWindow * (2 * Epsilon * Signs(draws[.., 2..]).view(-1, channels, 1, 1));

            var kept = best.index_select(0, active);
            var proposal = Project(kept + window, clean.index_select(0, active));
            var proposalMargin = Margin(model, proposal, labels.index_select(0, active));
            var lower = proposalMargin.lt(margin.index_select(0, active));
            best.index_copy_(0, active, where(PerSample(lower, proposal), proposal, kept));
            margin.index_copy_(0, active, where(lower, proposalMargin, margin.index_select(0, active)));
        }
        var adversarial = x.clone();
        adversarial.index_copy_(0, rows, best);
        return adversarial;
    }

    /// <summary>−1 or +1 with equal probability from uniform draws in [0, 1).</summary>
    static Tensor Signs(Tensor uniform) => uniform.ge(0.5).to_type(uniform.dtype).mul_(2).sub_(1);

    /// <summary>Uniform in {0, …, <paramref name="last"/>} from uniform draws in [0, 1), as (n, 1, 1, 1) to broadcast over images.</summary>
    static Tensor Corner(Tensor uniform, int last) => (uniform * (last + 1)).floor_().to_type(ScalarType.Int64).view(-1, 1, 1, 1);

    static Tensor Margin(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return LogitMargin.Of(model.forward(x), y).MoveToOuterDisposeScope();
    }

    public override string ToString() => FormattableString.Invariant(
        $"Square-L∞ ε={Epsilon} queries={Schedule.Queries} p_init={Schedule.InitialFraction} schedule {(Schedule.Rescaled ? "rescaled to the budget" : "as AutoAttack (not rescaled)")} seed={Seed}{(StopsWhenFooled ? "" : " early stop=no")}");
}
