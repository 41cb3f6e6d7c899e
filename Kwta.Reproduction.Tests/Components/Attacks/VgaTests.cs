using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>The reproduction's targeted vanilla gradient ascent (VGA).</summary>
public class VgaTests
{
    [Test]
    public void Default_step_for_32x32x3_matches_the_seeds_per_pixel_step_at_224x224x3()
    {
        VanillaGradientAscent.SeedLearningRateFor(224 * 224 * 3).Should().Be(10);
        VanillaGradientAscent.SeedLearningRateFor(32 * 32 * 3).Should().BeApproximately(10.0 / 7, 1e-12, "√(3072/150528) = 1/7");
    }

    [Test]
    public void One_iteration_moves_each_sample_by_exactly_lr_in_L2_along_the_target_logits_gradient()
    {
        using var model = RandomModels.Mlp(seed: 51, inputs: 40, hidden: 32, classes: 10);
        using var scope = NewDisposeScope();
        var x = full(8, 40, 0.5f);   // mid-box, so the small step is never clamped
        var y = zeros(8, dtype: ScalarType.Int64);
        Tensor clean;
        using (no_grad()) clean = model.forward(x).argmax(1);
        var target = (clean + 1).remainder(10);
        var vga = new VanillaGradientAscent(learningRate: 0.01, iterations: 1);

        var xAdv = vga.PerturbTowards(model, x, y, target);

        (xAdv - x).norm(dim: 1).sub(0.01).abs().max().item<float>().Should().BeLessThan(1e-5f);
        var leaf = x.detach().requires_grad_(true);
        var gradient = autograd.grad([model.forward(leaf).gather(1, target.unsqueeze(1)).sum()], [leaf])[0];
        nn.functional.cosine_similarity(xAdv - x, gradient).min().item<float>().Should().BeGreaterThan(0.9999f);
    }

    [Test]
    public void A_sample_already_predicted_as_its_target_is_not_moved()
    {
        using var model = TinyTrainedModels.MnistMlp();
        using var scope = NewDisposeScope();
        var (x, y) = TinyTrainedModels.HeldOutMnist.Range(0, 16);
        var clean = Predictions.Of(model, x);
        new VanillaGradientAscent(1.0).PerturbTowards(model, x, y, clean).BitIdenticalTo(x).Should().BeTrue();
    }

    [Test]
    public void Each_step_runs_on_the_samples_still_short_of_their_target_only()
    {
        using var model = new RecordingModel(TinyTrainedModels.MnistMlp());
        using var scope = NewDisposeScope();
        var (x, y) = TinyTrainedModels.HeldOutMnist.Range(0, 16);
        var clean = Predictions.Of(model, x);
        // The first 8 are at their target already; the others are not.
        var target = cat([clean[..8], (clean[8..] + 1).remainder(10)]);
        int before = model.Calls.Count;

        new VanillaGradientAscent(1.0, iterations: 5).PerturbTowards(model, x, y, target);

        model.Calls.Skip(before).Select(c => c.Batch).Take(2).Should().Equal(16, 8);
    }

    [Test]
    public void VGA_reaches_almost_every_target_on_a_trained_MLP_and_reports_every_image_target_pair()
    {
        using var model = TinyTrainedModels.MnistMlp();
        var vga = new VanillaGradientAscent(VanillaGradientAscent.SeedLearningRateFor(28 * 28));
        var report = RobustAccuracy.Evaluate(model, vga, TinyTrainedModels.HeldOutMnist.Take(20), batchSize: 10);

        report.Outcomes.Should().HaveCount(20 * 9);
        report.Outcomes.GroupBy(o => o.Index).Should().OnlyContain(g => g.Select(o => o.Target).Distinct().Count() == 9
                                                                           && g.All(o => o.Target != o.Label));
        report.TargetReachedRate.Should().BeGreaterThan(0.9);
        report.RobustAccuracy.Should().BeLessThan(0.1);
    }

    [Test]
    public void Untargeted_Perturb_is_the_worst_case_over_all_nine_targets()
    {
        using var model = TinyTrainedModels.MnistMlp();
        using var scope = NewDisposeScope();
        var (x, y) = TinyTrainedModels.HeldOutMnist.Range(0, 16);
        var xAdv = new VanillaGradientAscent(VanillaGradientAscent.SeedLearningRateFor(28 * 28)).Perturb(model, x, y);
        Predictions.Of(model, xAdv).ne(y).all().item<bool>().Should().BeTrue();
        xAdv.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        xAdv.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }
}
