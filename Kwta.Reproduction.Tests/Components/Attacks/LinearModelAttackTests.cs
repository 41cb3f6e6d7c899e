using Kwta.Model.Attacks;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>Attacks on models whose optimal or minimal adversarial is known in closed form.</summary>
public class LinearModelAttackTests
{
    const double Epsilon = 0.1;

    /// <summary>
    /// Two logits wₖ·x + bₖ: cross-entropy grows as the margin (w_y − w_other)·x shrinks, and the L∞ ball ∩ [0, 1]
    /// is a box, so the worst case moves every coordinate against sign(w_y − w_other) as far as the box allows.
    /// </summary>
    static Tensor OptimalLinearAttack(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        var weight = ((TorchSharp.Modules.Linear)model).weight!.detach();
        var direction = weight[1] - weight[0];                                      // ∂(l₁ − l₀)/∂x
        var towardsTrueClass = where(y.eq(1).unsqueeze(1), direction, -direction);  // ∂(l_y − l_other)/∂x
        return (x - Epsilon * towardsTrueClass.sign()).clamp(0, 1);
    }

    static (nn.Module<Tensor, Tensor> Model, Tensor X, Tensor Y) BinaryProblem()
    {
        var model = RandomModels.Affine(seed: 11, inputs: 30, classes: 2);
        torch.manual_seed(12);
        // Uniform in [0, 1], so many coordinates lie within ε of a bound and the [0, 1] clip matters.
        return (model, rand(64, 30), randint(0, 2, [64]));
    }

    [Test]
    public void FGSM_reaches_the_optimal_Linf_attack_on_a_linear_binary_classifier()
    {
        var (model, x, y) = BinaryProblem();
        using var scope = NewDisposeScope();
        var expected = OptimalLinearAttack(model, x, y);
        new Fgsm(Epsilon).Perturb(model, x, y).allclose(expected, rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Test]
    public void PGD_reaches_the_optimal_Linf_attack_on_a_linear_binary_classifier_from_any_random_start()
    {
        var (model, x, y) = BinaryProblem();
        using var scope = NewDisposeScope();
        var expected = OptimalLinearAttack(model, x, y);
        // 10 steps of ε/4 cover the 2ε a coordinate may need to cross the ball from its random start.
        var pgd = new LinfPgd(Epsilon, stepSize: Epsilon / 4, steps: 10, randomStart: true, seed: 3);
        pgd.Perturb(model, x, y).allclose(expected, rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Test]
    public void PGD_loss_is_at_least_FGSM_loss_on_random_small_models()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            using var model = RandomModels.Mlp(seed, inputs: 10, hidden: 32, classes: 3);
            using var scope = NewDisposeScope();
            torch.manual_seed(100 + seed);
            var x = rand(128, 10);
            var y = randint(0, 3, [128]);
            double Loss(Tensor xAdv)
            {
                using var noGrad = no_grad();
                return nn.functional.cross_entropy(model.forward(xAdv), y).item<float>();
            }
            var fgsm = Loss(new Fgsm(Epsilon).Perturb(model, x, y));
            var pgd = Loss(new LinfPgd(Epsilon, stepSize: Epsilon / 4, steps: 20, randomStart: false).Perturb(model, x, y));
            pgd.Should().BeGreaterThanOrEqualTo(fgsm, $"PGD iterates what FGSM does once (model seed {seed})");
            fgsm.Should().BeGreaterThan(Loss(x), "either attack raises the loss above the clean loss");
        }
    }

    [Test]
    public void APGD_CE_reaches_the_optimal_Linf_attack_on_a_linear_binary_classifier()
    {
        var (model, x, _) = BinaryProblem();
        using var scope = NewDisposeScope();
        Tensor y;
        using (no_grad()) y = model.forward(x).argmax(1);   // APGD attacks only correctly classified images
        var expected = OptimalLinearAttack(model, x, y);
        new ApgdUntargeted(Epsilon, seed: 3).Perturb(model, x, y).allclose(expected, rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    /// <summary>
    /// For logits W·x + b the closest decision boundary in L∞ is at distance
    /// min over k ≠ ŷ of (l_ŷ − lₖ)/‖w_ŷ − wₖ‖₁, and DeepFool's first step lands exactly there: it moves
    /// (distance + 1e-4)·(1 + overshoot) along the sign of that boundary's normal, then stops.
    /// </summary>
    [Test]
    public void DeepFool_finds_the_closed_form_minimal_Linf_perturbation_of_an_affine_classifier()
    {
        using var model = RandomModels.Affine(seed: 21, inputs: 50, classes: 10);
        using var scope = NewDisposeScope();
        torch.manual_seed(22);
        var x = 0.4 + 0.2 * rand(32, 50);   // mid-box: the minimal perturbation is never clipped
        Tensor logits, y;
        using (no_grad())
        {
            logits = model.forward(x);
            y = logits.argmax(1);
        }
        var weight = ((TorchSharp.Modules.Linear)model).weight!.detach();
        var wTrue = weight.index_select(0, y).unsqueeze(1);                          // (B, 1, D)
        var gaps = logits.gather(1, y.unsqueeze(1)) - logits;                        // (B, K)
        var distances = gaps / (wTrue - weight.unsqueeze(0)).abs().sum(2);           // (B, K); ∞-free except k = ŷ (0/0)
        distances = distances.masked_fill(nn.functional.one_hot(y, 10).to_type(ScalarType.Bool), double.PositiveInfinity);
        var closedForm = distances.amin(1);
        closedForm.max().item<float>().Should().BeLessThan(0.35f, "the test needs perturbations that stay inside [0, 1]");

        var deepFool = new DeepFoolLinf(epsilon: 1, steps: 20, candidates: 10, overshoot: 0.02);
        var minimal = deepFool.FindMinimal(model, x, y);
        var found = (minimal - x).abs().amax(1);
        var predicted = (closedForm + 1e-4) * 1.02;
        (found / predicted).sub(1).abs().max().item<float>().Should().BeLessThan(1e-3f);
        (found / closedForm).max().item<float>().Should().BeLessThan(1.03f, "within overshoot of the true minimum");
        using (no_grad()) model.forward(minimal).argmax(1).ne(y).all().item<bool>().Should().BeTrue("every result is adversarial");
    }

    [Test]
    public void DeepFool_steps_only_the_samples_still_classified_correctly()
    {
        using var model = new RecordingModel(RandomModels.Affine(seed: 21, inputs: 50, classes: 10));
        using var scope = NewDisposeScope();
        torch.manual_seed(23);
        var x = 0.4 + 0.2 * rand(32, 50);
        Tensor predicted;
        using (no_grad()) predicted = model.forward(x).argmax(1);
        // Labels the model gets right for the first 16 and wrong for the others.
        var y = cat([predicted[..16], (predicted[16..] + 1).remainder(10)]);
        int before = model.Calls.Count;

        new DeepFoolLinf(epsilon: 1, steps: 20, candidates: 10, overshoot: 0.02).FindMinimal(model, x, y);

        // The candidates' forward pass, the first step on all 32, then the 16 it had to move.
        model.Calls.Skip(before).Select(c => c.Batch).Take(3).Should().Equal(32, 32, 16);
    }

    [Test]
    public void DeepFool_at_epsilon_keeps_perturbations_within_epsilon_and_returns_the_clean_image_otherwise()
    {
        using var model = RandomModels.Affine(seed: 21, inputs: 50, classes: 10);
        using var scope = NewDisposeScope();
        torch.manual_seed(22);
        var x = 0.4 + 0.2 * rand(32, 50);
        Tensor y;
        using (no_grad()) y = model.forward(x).argmax(1);
        var minimal = new DeepFoolLinf(epsilon: 1).FindMinimal(model, x, y);
        var norms = (minimal - x).abs().amax(1);
        double epsilon = norms.median().item<float>();

        var withinEpsilon = new DeepFoolLinf(epsilon, acceptance: DeepFoolAcceptance.WithinEpsilon).Perturb(model, x, y);
        var kept = norms.le(epsilon).unsqueeze(1);
        withinEpsilon.SameAs(where(kept, minimal, x)).Should().BeTrue("accepted rows are the minimal adversarial, the others the clean image");
        kept.sum().item<long>().Should().BeInRange(16, 31);

        var clipped = new DeepFoolLinf(epsilon, acceptance: DeepFoolAcceptance.ClipToEpsilon).Perturb(model, x, y);
        (clipped - x).abs().max().item<float>().Should().BeLessThanOrEqualTo((float)epsilon + 1e-6f);
        clipped.SameAs(withinEpsilon).Should().BeFalse("clipping moves the rejected rows towards their boundary");
    }

    /// <summary>
    /// DeepFool's candidates run down to the class with the lowest clean logit. Where only that class has a boundary to cross
    /// (<see cref="LastRankedClassModel"/>), DeepFool's first step lands on it at the closed-form distance, overshoot
    /// included; without its last candidate it never moves.
    /// </summary>
    [Test]
    public void DeepFool_crosses_the_boundary_of_the_class_with_the_lowest_clean_logit_when_it_is_the_only_one()
    {
        using var model = LastRankedClassModel.Create();
        using var scope = NewDisposeScope();
        var (x, y) = LastRankedClassModel.Input(images: 3);

        var minimal = new DeepFoolLinf(epsilon: 1, candidates: 10, overshoot: 0.02).FindMinimal(model, x, y);

        using (no_grad()) model.forward(minimal).argmax(1).ne(y).all().item<bool>().Should().BeTrue("class 9's boundary is crossed");
        var found = (minimal - x).abs().amax(1);
        (found / ((LastRankedClassModel.BoundaryDistance + 1e-4) * 1.02)).sub(1).abs().max().item<float>().Should().BeLessThan(1e-3f);
    }
}
