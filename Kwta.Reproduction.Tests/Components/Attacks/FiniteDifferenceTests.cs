using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>Tramèr et al.'s adaptive attack: a gradient-free estimate that must point where the true gradient does.</summary>
public class FiniteDifferenceTests
{
    static Tensor Margin(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels) => LogitMargin.Of(model.forward(inputs), labels);

    [Test]
    public void Logit_margin_is_the_true_logit_minus_the_best_other()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[,] { { 1, 5, 3 }, { 2, 0, 7 } });
        LogitMargin.Of(logits, tensor(new long[] { 1, 0 })).data<float>().ToArray().Should().Equal(2f, -5f);
    }

    [Test]
    public void Estimate_correlates_with_the_true_gradient_of_a_smooth_model()
    {
        torch.manual_seed(41);
        using var model = nn.Sequential(nn.Linear(30, 16), nn.Tanh(), nn.Linear(16, 3));
        model.eval();
        using var scope = NewDisposeScope();
        var x = rand(4, 30);
        var y = tensor(new long[] { 0, 1, 2, 0 });
        var leaf = x.detach().requires_grad_(true);
        var trueGradient = autograd.grad([Margin(model, leaf, y).sum()], [leaf])[0];
        using var random = new PerImageGenerators(42, PerImageGenerators.Range(0, 4));

        var estimate = FiniteDifferenceGradient.Estimate((i, l) => Margin(model, i, l), x, y, samples: 20_000,
                                                          sigma: FiniteDifferencePgd.TramerSigma, chunkInputs: 4096, random);

        var cosine = nn.functional.cosine_similarity(estimate, trueGradient);
        cosine.min().item<float>().Should().BeGreaterThan(0.9f);
        // Not only the direction: the estimator is unbiased for a smooth function, so the scale matches too.
        (estimate.norm(dim: 1) / trueGradient.norm(dim: 1)).sub(1).abs().max().item<float>().Should().BeLessThan(0.2f);
    }

    [Test]
    public void Samples_are_evaluated_in_chunks_of_bounded_size()
    {
        torch.manual_seed(43);
        using var model = new RecordingModel(nn.Sequential(nn.Linear(10, 8), nn.Tanh(), nn.Linear(8, 3)));
        using var scope = NewDisposeScope();
        using var random = new PerImageGenerators(44, PerImageGenerators.Range(0, 3));

        FiniteDifferenceGradient.Estimate((i, l) => Margin(model, i, l), rand(3, 10), tensor(new long[] { 0, 1, 2 }),
                                          samples: 1000, sigma: 0.03, chunkInputs: 60, random);

        model.Calls.Should().OnlyContain(c => c.Batch <= 60);
        model.Calls.Sum(c => c.Batch).Should().Be(3 * 1000, "500 antithetic pairs, two evaluations each, for 3 images");
    }

    [Test]
    public void Fast_preset_on_a_trained_MLP_drops_robust_accuracy_far_below_clean()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var attack = new FiniteDifferencePgd(0.3, stepSize: 0.02, steps: 30, new SampleSchedule((0, 50), (10, 100)), seed: 2);
        var report = RobustAccuracy.Evaluate(model, attack, TinyTrainedModels.HeldOutMnist.Take(20), batchSize: 20);
        report.CleanAccuracy.Should().BeGreaterThan(0.8);
        report.RobustAccuracy.Should().BeLessThan(0.2);
    }

    [Test]
    public void Presets_match_Tramer_et_al()
    {
        var tramer = FiniteDifferencePgd.Tramer();
        (tramer.Epsilon, tramer.StepSize, tramer.Steps, tramer.Sigma).Should().Be((0.031, 0.01, 100, 8.0 / 255));
        new[] { 0, 19, 20, 39, 40, 99 }.Select(tramer.Schedule.SamplesAt).Should().Equal(100, 100, 1000, 1000, 20_000, 20_000);
        var fast = FiniteDifferencePgd.Fast();
        fast.Steps.Should().BeLessThan(tramer.Steps);
        fast.Schedule.SamplesAt(fast.Steps - 1).Should().BeLessThan(1000);
    }
}
