using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>The AutoAttack ensemble on the tiny trained MNIST MLP: survivors only, never weaker than a member, who broke what.</summary>
public class AutoAttackEnsembleTests
{
    const double Epsilon = 0.1;
    const long Seed = 5;

    /// <summary>Passes its member's work through and records which samples it was asked to attack.</summary>
    sealed class SurvivorRecorder(SurvivorAttack inner) : SurvivorAttack(inner.Epsilon, inner.Seed)
    {
        public List<long[]> Attacked { get; } = [];

        public override string Name => inner.Name;

        protected override Tensor AttackRows(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor rows, PerImageGenerators random)
        {
            Attacked.Add(rows.data<long>().ToArray());
            var survivors = zeros(x.shape[0], dtype: ScalarType.Bool).index_fill_(0, rows, true);
            return inner.PerturbSurvivors(model, x, y, survivors);
        }
    }

    /// <summary>APGD-CE → APGD-T → Square at a unit-test budget, fresh instances with the same seed.</summary>
    static SurvivorAttack[] Members() =>
    [
        new ApgdUntargeted(Epsilon, iterations: 10, seed: Seed),
        new ApgdTargeted(Epsilon, targetClasses: 2, iterations: 10, seed: Seed),
        new SquareAttack(Epsilon, queries: 150, rescaleSchedule: true, seed: Seed),
    ];

    static long[] Where(Tensor flags) => flags.nonzero().squeeze(1).data<long>().ToArray();

    [Test]
    public void Each_member_attacks_only_the_images_every_earlier_member_left_correctly_classified()
    {
        using var model = TinyTrainedModels.MnistMlp();
        using var scope = NewDisposeScope();
        var (x, y) = TinyTrainedModels.HeldOutMnist.Range(0, 48);
        var members = Members().Select(m => new SurvivorRecorder(m)).ToArray();

        var result = new AutoAttackEnsemble(members).Evaluate(model, x, y);

        var survivors = Predictions.Of(model, x).eq(y);
        survivors.logical_not().any().item<bool>().Should().BeTrue("the test needs a clean mistake");
        foreach (var member in members)
        {
            member.Attacked.Should().ContainSingle().Which.Should().Equal(Where(survivors), member.Name);
            var brokenHere = Enumerable.Range(0, 48).Where(i => result.BrokenBy[i] == member.Name).Select(i => (long)i);
            survivors.index_fill_(0, tensor(brokenHere.ToArray(), dtype: ScalarType.Int64), false);
        }
        result.BrokenBy.Count(b => b == "apgd-ce").Should().BeGreaterThan(0, "the first member breaks images");
        result.BrokenBy.Count(b => b != null && b != "apgd-ce" && b != EnsembleResult.CleanMistake)
            .Should().BeGreaterThan(0, "later members break images the first left");
        Where(survivors).Should().Equal(Enumerable.Range(0, 48).Where(i => result.BrokenBy[i] is null).Select(i => (long)i),
                                        "an image nobody broke is robust");
        Predictions.Of(model, result.Adversarial).eq(y).SameAs(survivors)
            .Should().BeTrue("the returned images are classified correctly exactly where the image is robust");
    }

    [Test]
    public void The_ensemble_breaks_every_image_any_member_breaks_alone_and_so_is_never_less_robust_than_one()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var images = TinyTrainedModels.HeldOutMnist.Take(64);
        var ensemble = new AutoAttackEnsemble(Members());

        // Two batches, so the second batch's images are drawn for by their index in the set, not their row.
        var together = RobustAccuracy.Evaluate(model, ensemble, images, batchSize: 32);
        var robustTogether = together.Outcomes.Where(o => o.Robust).Select(o => o.Index).ToHashSet();
        foreach (var member in Members())
        {
            var report = RobustAccuracy.Evaluate(model, member, images, batchSize: 32);
            robustTogether.Should().BeSubsetOf(report.Outcomes.Where(o => o.Robust).Select(o => o.Index), member.Name);
            together.RobustAccuracy.Should().BeLessThanOrEqualTo(report.RobustAccuracy, member.Name);
        }
        together.RobustAccuracy.Should().BeGreaterThan(0, "the test needs robust images");
        ensemble.BrokenCounts.Values.Sum().Should().Be(together.Outcomes.Count(o => o.CleanCorrect && !o.Robust));
    }
}
