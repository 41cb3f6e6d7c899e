using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>
/// An image's random draws come from the seed and its index in the evaluated set, never from how the set was cut
/// into batches: the same seed gives the same per-image outcomes at any batch size (and so in any shard).
/// </summary>
public class BatchIndependenceTests
{
    static IEnumerable<TestCaseData> RandomisedAttacks()
    {
        yield return new TestCaseData(new Func<Attack>(() => new LinfPgd(0.1, stepSize: 0.01, steps: 10, randomStart: true, restarts: 2, seed: 5)))
            .SetArgDisplayNames("pgd with restarts");
        yield return new TestCaseData(new Func<Attack>(() => FiniteDifferencePgd.Fast(0.1, seed: 5))).SetArgDisplayNames("fd-pgd");
        yield return new TestCaseData(new Func<Attack>(() => new BpdaAttack(PgdPresets.Create("paper", 0.1, seed: 5), Kwta.Model.Activations.KwtaBackward.Identity)))
            .SetArgDisplayNames("bpda");
        yield return new TestCaseData(new Func<Attack>(() => new ApgdUntargeted(0.1, iterations: 10, restarts: 2, seed: 5))).SetArgDisplayNames("apgd-ce with restarts");
        yield return new TestCaseData(new Func<Attack>(() => new ApgdTargeted(0.1, targetClasses: 2, iterations: 10, seed: 5))).SetArgDisplayNames("apgd-t");
        yield return new TestCaseData(new Func<Attack>(() => new SquareAttack(0.1, queries: 20, rescaleSchedule: true, seed: 5))).SetArgDisplayNames("square");
        yield return new TestCaseData(new Func<Attack>(() => new AutoAttackEnsemble(
                [new ApgdUntargeted(0.05, iterations: 5, seed: 5), new ApgdTargeted(0.05, targetClasses: 1, iterations: 5, seed: 5),
                 new SquareAttack(0.05, queries: 20, rescaleSchedule: true, seed: 5)])))
            .SetArgDisplayNames("autoattack");
    }

    [TestCaseSource(nameof(RandomisedAttacks))]
    public void Same_seed_gives_the_same_per_image_outcomes_at_batch_8_16_and_1000(Func<Attack> create)
    {
        using var model = TinyTrainedModels.MnistMlp();
        var images = TinyTrainedModels.HeldOutMnist.Take(40);

        var outcomes = new[] { 8, 16, 1000 }.Select(batch =>
            RobustAccuracy.Evaluate(model, create(), images, batch).Outcomes
                .Select(o => (o.Index, o.AdversarialPrediction, o.LinfNorm)).ToList()).ToList();

        outcomes[1].Should().Equal(outcomes[0], "batch 16 against batch 8");
        outcomes[2].Should().Equal(outcomes[0], "one batch of all 40 against batch 8");
    }
}
