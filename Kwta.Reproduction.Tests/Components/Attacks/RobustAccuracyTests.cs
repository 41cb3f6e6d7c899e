using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
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

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before);
    }

    [Test]
    public void Csv_has_one_row_per_outcome_with_invariant_numbers()
    {
        var report = new AttackReport("pgd", 2,
            [new AttackOutcome(0, 7, null, 7, 3, 0.031), new AttackOutcome(1, 2, 5, 2, 5, 1.5)]);
        report.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "index,label,target,clean_prediction,adversarial_prediction,linf_norm",
            "0,7,,7,3,0.031",
            "1,2,5,2,5,1.5");
    }
}
