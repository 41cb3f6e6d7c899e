using Kwta.Model.Attacks;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>APGD's schedule, its losses and what it reaches on models whose answer is known.</summary>
public class ApgdTests
{
    [Test]
    public void The_checkpoints_for_100_iterations_are_the_formulas_list()
    {
        // p: 0, 0.22, +0.19 = 0.41, +0.16 = 0.57, +0.13 = 0.70, +0.10 = 0.80, +0.07 = 0.87, +0.06 = 0.93, +0.06 = 0.99 (then 1.05 > 1).
        ApgdCheckpoints.For(100).Should().Equal(0, 22, 41, 57, 70, 80, 87, 93, 99);
    }

    [Test]
    public void With_few_iterations_fractions_that_round_up_to_the_same_iteration_give_one_checkpoint()
    {
        // ⌈10·p⌉ for the same p: 0, 3, 5, 6, 7, 8, 9, 10, 10.
        ApgdCheckpoints.For(10).Should().Equal(0, 3, 5, 6, 7, 8, 9, 10);
        ApgdCheckpoints.For(1).Should().Equal(0, 1);
    }

    [Test]
    public void DLR_losses_match_a_hand_computed_example_and_ignore_shifting_and_scaling_the_logits()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 3, 1, 0, -1 }).unsqueeze(0);
        var label = tensor(new long[] { 0 });
        var target = tensor(new long[] { 1 });
        // Untargeted: −(3 − 1)/(3 − 0). Targeted at class 1: −(3 − 1)/(3 − (0 + (−1))/2).
        DlrLoss.Untargeted(logits, label).item<float>().Should().BeApproximately(-2f / 3, 1e-6f);
        DlrLoss.Targeted(logits, label, target).item<float>().Should().BeApproximately(-2f / 3.5f, 1e-6f);

        torch.manual_seed(31);
        var many = randn(32, 10);
        var labels = randint(0, 10, [32]);
        var targets = (labels + 1).remainder(10);
        var transformed = 7.5 * many - 4;
        DlrLoss.Untargeted(transformed, labels).allclose(DlrLoss.Untargeted(many, labels), rtol: 1e-4, atol: 1e-5).Should().BeTrue();
        DlrLoss.Targeted(transformed, labels, targets).allclose(DlrLoss.Targeted(many, labels, targets), rtol: 1e-4, atol: 1e-5).Should().BeTrue();
    }

    [Test]
    public void DLR_losses_refuse_too_few_classes()
    {
        using var scope = NewDisposeScope();
        var labels = zeros(2, dtype: ScalarType.Int64);
        FluentActions.Invoking(() => DlrLoss.Untargeted(randn(2, 2), labels)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("logits");
        FluentActions.Invoking(() => DlrLoss.Targeted(randn(2, 3), labels, labels + 1)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("logits");
    }

    /// <summary>Logits (−‖x − c‖², 0): class 1 always wins, and the cross-entropy of label 1 is largest at x = c.</summary>
    sealed class PeakAt(Tensor centre) : nn.Module<Tensor, Tensor>(nameof(PeakAt))
    {
        public override Tensor forward(Tensor x) => stack([-(x - centre).pow(2).sum(1), zeros(x.shape[0])], 1);
    }

    [Test]
    public void APGD_halves_its_step_and_closes_in_on_a_maximum_inside_the_ball_that_fixed_step_PGD_keeps_stepping_over()
    {
        const double epsilon = 0.1;
        using var scope = NewDisposeScope();
        torch.manual_seed(71);
        var x = full(1, 20, 0.5f);
        var centre = x + 0.6 * epsilon * (2 * rand(1, 20) - 1);   // strictly inside the ball, away from its faces
        using var model = new PeakAt(centre);
        var y = ones(1, dtype: ScalarType.Int64);
        double DistanceToPeak(Tensor xAdv) => (xAdv - centre).abs().max().item<float>();

        var apgd = DistanceToPeak(new ApgdUntargeted(epsilon, iterations: 100, seed: 2).Perturb(model, x, y));
        var pgd = DistanceToPeak(new LinfPgd(epsilon, stepSize: epsilon / 4, steps: 100, randomStart: false).Perturb(model, x, y));

        // After 8 checkpoints of oscillation the step is 2ε/2⁸ < ε/100; a fixed step of ε/4 leaves some coordinate ~ε/8 off.
        apgd.Should().BeLessThan(epsilon / 50);
        pgd.Should().BeGreaterThan(epsilon / 50, "the comparison is meaningful only if a fixed step cannot get there");
    }

    /// <summary>
    /// On an affine classifier a class k beats y somewhere in the box [x − ε, x + ε] ∩ [0, 1] iff it does at the
    /// box's corner that moves every coordinate along sign(w_k − w_y): there (z_k − z_y) is largest.
    /// </summary>
    static Tensor BreakableInClosedForm(TorchSharp.Modules.Linear model, Tensor x, Tensor y, double epsilon)
    {
        var weight = model.weight!.detach();
        var bias = model.bias!.detach();
        var towardsOthers = weight.unsqueeze(0) - weight.index_select(0, y).unsqueeze(1);              // (B, K, D): ∂(z_k − z_y)/∂x
        var corners = (x.unsqueeze(1) + epsilon * towardsOthers.sign()).clamp(0, 1);                 // (B, K, D)
        var gaps = (towardsOthers * corners).sum(2) + bias.unsqueeze(0) - bias.index_select(0, y).unsqueeze(1);
        return gaps.amax(1).gt(0);
    }

    [Test]
    public void APGD_T_breaks_exactly_the_images_an_affine_classifier_lets_break_within_epsilon()
    {
        const double epsilon = 0.02;
        using var model = RandomModels.Affine(seed: 41, inputs: 50, classes: 10);
        using var scope = NewDisposeScope();
        torch.manual_seed(42);
        var x = rand(64, 50);
        Tensor y;
        using (no_grad()) y = model.forward(x).argmax(1);   // every image correct, so every image is attacked
        var breakable = BreakableInClosedForm((TorchSharp.Modules.Linear)model, x, y, epsilon);
        breakable.sum().item<long>().Should().BeInRange(10, 54, "the test needs both kinds of image");

        var xAdv = new ApgdTargeted(epsilon, targetClasses: 9, iterations: 10, seed: 1).Perturb(model, x, y);

        Tensor broken;
        using (no_grad()) broken = model.forward(xAdv).argmax(1).ne(y);
        broken.SameAs(breakable).Should().BeTrue();
        (xAdv - x).abs().max().item<float>().Should().BeLessThanOrEqualTo((float)epsilon + 1e-6f);
    }

    /// <summary>
    /// APGD-T's ninth target is the class with the lowest clean logit. Where only that class can overtake the label within ε
    /// (<see cref="LastRankedClassModel"/>), APGD-T with its 9 targets breaks every image, and with 8 it breaks none.
    /// </summary>
    [Test]
    public void APGD_T_breaks_an_image_whose_only_reachable_class_has_the_lowest_clean_logit()
    {
        using var model = LastRankedClassModel.Create();
        using var scope = NewDisposeScope();
        var (x, y) = LastRankedClassModel.Input(images: 3);

        Tensor BrokenBy(int targetClasses)
        {
            var xAdv = new ApgdTargeted(epsilon: 2 * LastRankedClassModel.BoundaryDistance, targetClasses, iterations: 20, seed: 1)
                .Perturb(model, x, y);
            using var noGrad = no_grad();
            return model.forward(xAdv).argmax(1).ne(y);
        }

        BrokenBy(ApgdTargeted.AutoAttackTargetClasses).all().item<bool>().Should().BeTrue("the ninth target, class 9, is reachable");
        BrokenBy(8).any().item<bool>().Should().BeFalse("no class but the last-ranked one is reachable");
    }

    [Test]
    public void APGD_loss_is_at_least_PGD_loss_with_as_many_iterations_on_random_small_ten_class_models()
    {
        const double epsilon = 0.1;
        for (int seed = 0; seed < 5; seed++)
        {
            using var model = RandomModels.Mlp(seed, inputs: 20, hidden: 64, classes: 10);
            using var scope = NewDisposeScope();
            torch.manual_seed(200 + seed);
            var x = rand(128, 20);
            Tensor y;
            using (no_grad()) y = model.forward(x).argmax(1);
            double Loss(Tensor xAdv)
            {
                using var noGrad = no_grad();
                return nn.functional.cross_entropy(model.forward(xAdv), y).item<float>();
            }
            var pgd = Loss(new LinfPgd(epsilon, stepSize: epsilon / 4, steps: 100, randomStart: false).Perturb(model, x, y));
            var apgd = Loss(new ApgdUntargeted(epsilon, iterations: 100, seed: seed).Perturb(model, x, y));
            apgd.Should().BeGreaterThanOrEqualTo(pgd, $"APGD adapts its step where PGD keeps ε/4 (model seed {seed})");
        }
    }
}
