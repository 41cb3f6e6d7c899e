using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>The follow-up attack of the gradient-masking indicators: the second attack sees exactly the first one's survivors.</summary>
public class SurvivorFollowUpTests
{
    const double Epsilon = 0.1;
    const long Seed = 9;

    /// <summary>Passes its inner attack through and records the image indices it was asked to attack.</summary>
    sealed class IndexRecorder(Attack inner) : Attack
    {
        public List<long> Attacked { get; } = [];

        public override string Name => inner.Name;

        protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
        {
            Attacked.AddRange(images);
            return inner.Perturb(model, x, y, images);
        }
    }

    static LinfPgd Weak() => new(Epsilon, stepSize: Epsilon / 8, steps: 2, seed: Seed);

    static LinfPgd Strong() => new(Epsilon, stepSize: Epsilon / 4, steps: 20, restarts: 2, seed: Seed);

    [Test]
    public void The_second_attack_runs_on_exactly_the_images_the_first_leaves_robust_under_their_own_indices()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var images = TinyTrainedModels.HeldOutMnist.Take(64);
        var then = new IndexRecorder(Strong());

        RobustAccuracy.Evaluate(model, new SurvivorFollowUp(Weak(), then), images, batchSize: 32);

        var weakAlone = RobustAccuracy.Evaluate(model, Weak(), images, batchSize: 32);
        var survivors = weakAlone.Outcomes.Where(o => o.Robust).Select(o => (long)o.Index).ToList();
        survivors.Should().NotBeEmpty("the test needs images the weak attack leaves robust");
        survivors.Count.Should().BeLessThan(images.Count, "the test needs images the weak attack breaks");
        then.Attacked.Should().Equal(survivors);
    }

    [Test]
    public void An_image_is_robust_to_the_follow_up_exactly_when_it_survives_both_attacks_run_alone()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var images = TinyTrainedModels.HeldOutMnist.Take(64);

        var followUp = RobustAccuracy.Evaluate(model, new SurvivorFollowUp(Weak(), Strong()), images, batchSize: 32);
        var weak = RobustAccuracy.Evaluate(model, Weak(), images, batchSize: 32);
        var strong = RobustAccuracy.Evaluate(model, Strong(), images, batchSize: 32);

        var expected = weak.Outcomes.Zip(strong.Outcomes, (w, s) => w.Robust && s.Robust);
        followUp.Outcomes.Select(o => o.Robust).Should().Equal(expected);
        strong.Outcomes.Count(o => o.Robust).Should().BeLessThan(weak.Outcomes.Count(o => o.Robust),
            "the test needs a second attack that breaks what the first left");
    }

    [Test]
    public void With_nothing_left_robust_the_second_attack_is_never_called()
    {
        using var model = TinyTrainedModels.MnistMlp();
        using var scope = NewDisposeScope();
        var (x, y) = TinyTrainedModels.HeldOutMnist.Range(0, 16);
        var then = new IndexRecorder(Strong());
        var unbounded = PgdPresets.Create("unbounded", seed: Seed);

        var adversarial = new SurvivorFollowUp(unbounded, then).Perturb(model, x, y);

        Predictions.Of(model, adversarial).eq(y).any().item<bool>().Should().BeFalse("PGD with ε = 1 breaks every image of the MLP");
        then.Attacked.Should().BeEmpty();
    }
}
