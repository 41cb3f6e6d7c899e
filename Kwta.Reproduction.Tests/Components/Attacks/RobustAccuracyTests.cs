using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

public class RobustAccuracyTests
{
    [Test]
    public void A_null_attack_gives_robust_accuracy_equal_to_clean_accuracy_and_counts_clean_mistakes_as_not_robust()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var images = TinyTrainedModels.HeldOutMnist.Take(30);
        var progress = new List<EvaluationProgress>();

        var report = RobustAccuracy.Evaluate(model, new Fgsm(0), images, batchSize: 7, progress.Add);

        report.Outcomes.Select(o => o.Index).Should().Equal(Enumerable.Range(0, 30));
        report.Outcomes.Select(o => o.Label).Should().Equal(images.Labels.Select(l => (int)l));
        report.Outcomes.Should().OnlyContain(o => o.LinfNorm == 0 && o.Target == null && o.AdversarialPrediction == o.CleanPrediction);
        report.Outcomes.Should().Contain(o => !o.CleanCorrect, "the test needs a clean mistake");
        report.Outcomes.Where(o => !o.CleanCorrect).Should().OnlyContain(o => !o.Robust);
        report.RobustAccuracy.Should().Be(report.CleanAccuracy);
        progress.Select(p => p.ImagesDone).Should().Equal(7, 14, 21, 28, 30);
        progress[^1].RobustAccuracySoFar.Should().Be(report.RobustAccuracy);
    }

    [Test]
    public void A_clean_mistake_that_the_attack_moves_to_the_true_class_is_not_robust()
    {
        // Pixels of 115/255 ≈ 0.45 are class 0 for a model that says "1" when the mean pixel exceeds 0.5; label 1 is
        // a clean mistake. Adding ε = 0.1 everywhere makes the prediction correct, which foolbox would score as robust.
        using var model = new MeanAboveHalf();
        var image = new LabeledImages(DatasetKind.Mnist, "synthetic", Enumerable.Repeat((byte)115, 28 * 28).ToArray(), [1]);

        var report = RobustAccuracy.Evaluate(model, new UniformShift(0.1), image, batchSize: 1);

        report.Outcomes.Should().ContainSingle().Which.Should().Match<AttackOutcome>(o =>
            o.CleanPrediction == 0 && o.AdversarialPrediction == 1 && o.Label == 1 && Math.Abs(o.LinfNorm - 0.1) < 1e-6);
        report.Outcomes[0].Robust.Should().BeFalse("robust means correct on the clean and on the attacked image");
        report.RobustAccuracy.Should().Be(0);
    }

    [TestCase(7, 7, 7, true)]
    [TestCase(7, 7, 3, false)]
    [TestCase(7, 3, 7, false)]
    [TestCase(7, 3, 3, false)]
    public void Robust_is_correct_before_and_after_the_attack(int label, int clean, int adversarial, bool robust) =>
        new AttackOutcome(0, label, null, clean, adversarial, 0.031).Robust.Should().Be(robust);

    [Test]
    public void Clean_predictions_and_norms_are_those_of_the_model_and_the_attack()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var images = TinyTrainedModels.HeldOutMnist.Take(20);
        var report = RobustAccuracy.Evaluate(model, new Fgsm(0.2), images, batchSize: 20);

        using var scope = NewDisposeScope();
        var (x, y) = images.Range(0, 20);
        var xAdv = new Fgsm(0.2).Perturb(model, x, y);
        report.Outcomes.Select(o => o.CleanPrediction).Should().Equal(Predictions.Of(model, x).data<long>().ToArray().Select(p => (int)p));
        report.Outcomes.Select(o => o.AdversarialPrediction).Should().Equal(Predictions.Of(model, xAdv).data<long>().ToArray().Select(p => (int)p));
        report.Outcomes.Should().OnlyContain(o => Math.Abs(o.LinfNorm - 0.2) < 1e-6, "FGSM moves some pixel of every image by the full ε");
    }

    [Test]
    public void Evaluating_many_batches_leaves_no_tensor_alive()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var images = TestData.Mnist.Take(300);
        RobustAccuracy.Evaluate(model, new LinfPgd(0.1, 0.01, 5), images.Take(20), batchSize: 10);   // warm-up
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        RobustAccuracy.Evaluate(model, new LinfPgd(0.1, 0.01, 5, restarts: 2), images, batchSize: 10);
        RobustAccuracy.Evaluate(model, new DeepFoolLinf(0.1), images.Take(50), batchSize: 10);
        RobustAccuracy.Evaluate(model, new VanillaGradientAscent(1, iterations: 3), images.Take(20), batchSize: 10);
        RobustAccuracy.Evaluate(model, new FiniteDifferencePgd(0.1, 0.01, 3, new SampleSchedule((0, 20))), images.Take(20), batchSize: 10);
        var autoAttack = new AutoAttackEnsemble([new ApgdUntargeted(0.1, iterations: 5, restarts: 2), new ApgdTargeted(0.1, targetClasses: 2, iterations: 5),
                                                 new SquareAttack(0.1, queries: 20, rescaleSchedule: true)]);
        RobustAccuracy.Evaluate(model, autoAttack, images.Take(40), batchSize: 10);

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before);
    }

    [Test]
    public void A_targeted_attack_runs_towards_every_other_class_of_each_image_one_class_offset_at_a_time()
    {
        using var model = RandomModels.Mlp(seed: 5, inputs: 28 * 28, hidden: 8, classes: 10);
        var images = TestData.Mnist.Take(2);
        int[] labels = [.. images.Labels.Select(l => (int)l)];

        var report = RobustAccuracy.Evaluate(model, new Unmoved(), images, batchSize: 2);

        report.Outcomes.Select(o => (o.Index, o.Target)).Should().Equal(
            from offset in Enumerable.Range(1, 9) from image in new[] { 0, 1 } select (image, (int?)((labels[image] + offset) % 10)));
        report.Outcomes.Should().OnlyContain(o => o.AdversarialPrediction == o.CleanPrediction && o.LinfNorm == 0);
        report.Targeted.Should().BeTrue();
    }

    [Test]
    public void A_batch_of_no_images_is_refused()
    {
        using var model = RandomModels.Mlp(seed: 5, inputs: 28 * 28, hidden: 8, classes: 10);

        FluentActions.Invoking(() => RobustAccuracy.Evaluate(model, new Fgsm(0), TestData.Mnist.Take(2), batchSize: 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("batchSize must be ≥ 1.*");
    }

    [Test]
    public void Csv_has_one_row_per_outcome_with_invariant_numbers()
    {
        var report = new AttackReport("pgd", 2,
            [new AttackOutcome(0, 7, null, 7, 3, 0.031, -2.5), new AttackOutcome(1, 2, 5, 2, 5, 1.5, -0.125)]);
        report.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "index,label,target,clean_prediction,adversarial_prediction,linf_norm,margin",
            "0,7,,7,3,0.031,-2.5",
            "1,2,5,2,5,1.5,-0.125");
    }

    /// <summary>Class 1 when the mean pixel exceeds 0.5, else class 0.</summary>
    sealed class MeanAboveHalf() : nn.Module<Tensor, Tensor>(nameof(MeanAboveHalf))
    {
        public override Tensor forward(Tensor x)
        {
            var margin = x.flatten(1).mean([1]) - 0.5;
            return stack([-margin, margin], 1);
        }
    }

    /// <summary>A targeted "attack" that leaves every image as it is, whatever the target.</summary>
    sealed class Unmoved : Attack, ITargetedAttack
    {
        public override string Name => "unmoved";

        protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images) => x.clone();

        public Tensor PerturbTowards(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor target) => x.clone();
    }

    /// <summary>Adds ε to every pixel: an "attack" that helps, as a random start sometimes does.</summary>
    sealed class UniformShift(double epsilon) : LinfAttack(epsilon)
    {
        public override string Name => "shift";

        protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images) => Project(x + Epsilon, x);
    }
}
