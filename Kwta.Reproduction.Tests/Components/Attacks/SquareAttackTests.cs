using Kwta.Model.Attacks;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>The Square attack: score-based (logits only), inside the ε-ball, seeded, and strong enough on a linear model.</summary>
public class SquareAttackTests
{
    const double Epsilon = 0.1;

    /// <summary>An MLP on 3×8×8 images (it flattens its input).</summary>
    static nn.Module<Tensor, Tensor> ImageMlp(int seed) => RandomModels.Mlp(seed, inputs: 3 * 8 * 8, hidden: 32, classes: 10);

    static (Tensor X, Tensor Y) CorrectlyClassified(nn.Module<Tensor, Tensor> model, int seed, int count)
    {
        torch.manual_seed(seed);
        var x = rand(count, 3, 8, 8);
        using var noGrad = no_grad();
        return (x, model.forward(x).argmax(1));
    }

    [Test]
    public void The_square_fraction_halves_at_the_papers_iterations_and_rescales_to_the_budget()
    {
        var asAutoAttack = new SquareSchedule(0.8, Queries: 5000, Rescaled: false);
        int[] iterations = [0, 10, 11, 50, 51, 200, 201, 500, 501, 1000, 1001, 2000, 2001, 4000, 4001, 4999];
        iterations.Select(asAutoAttack.FractionAt).Should().Equal(
            0.8, 0.8, 0.4, 0.4, 0.2, 0.2, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625);
        // Rescaled to 1000 queries, iteration i counts as 10·i: 2 → 20 (halved once), 400 → 4000 (6 times), 801 → 8010 (9 times).
        var rescaled = new SquareSchedule(0.8, Queries: 1000, Rescaled: true);
        new[] { 1, 2, 400, 401, 801 }.Select(rescaled.FractionAt).Should().Equal(0.8, 0.4, 0.8 / 64, 0.8 / 128, 0.8 / 512);
        // round(√(p·H·W)): 0.8·32·32 → 28.6 → 29; 0.00625·32·32 = 6.4 → √ = 2.53 → 3; tiny p → at least 1; p = 0.8 on 2×2 → 2.
        asAutoAttack.SideAt(0, 32, 32).Should().Be(29);
        asAutoAttack.SideAt(4999, 32, 32).Should().Be(3);
        new SquareSchedule(0.001, 100, false).SideAt(0, 8, 8).Should().Be(1);
        asAutoAttack.SideAt(0, 2, 2).Should().Be(2);
    }

    [Test]
    public void Square_never_differentiates_so_a_model_that_refuses_gradients_is_still_attacked()
    {
        using var model = new GradientRefusingModel(ImageMlp(seed: 51));
        using var scope = NewDisposeScope();
        var (x, y) = CorrectlyClassified(model, seed: 52, count: 16);
        new ApgdUntargeted(Epsilon, iterations: 2).Invoking(a => a.Perturb(model, x, y))
            .Should().Throw<InvalidOperationException>("the model really refuses a gradient-based attack");

        var xAdv = new SquareAttack(Epsilon, queries: 200, rescaleSchedule: true, seed: 1).Perturb(model, x, y);

        using var noGrad = no_grad();
        model.forward(xAdv).argmax(1).ne(y).sum().item<long>().Should().BeGreaterThan(0, "the attack still breaks images");
    }

    [Test]
    public void Square_stays_in_the_epsilon_ball_and_the_unit_box_for_images_near_0_and_1()
    {
        using var model = ImageMlp(seed: 53);
        using var scope = NewDisposeScope();
        torch.manual_seed(54);
        var x = cat([0.02 * rand(8, 3, 8, 4), 1 - 0.02 * rand(8, 3, 8, 4)], 3);
        x[0, 0, 0, 0] = tensor(0f);
        x[0, 0, 0, 7] = tensor(1f);
        Tensor y;
        using (no_grad()) y = model.forward(x).argmax(1);

        var xAdv = new SquareAttack(Epsilon, queries: 300, rescaleSchedule: true, seed: 2).Perturb(model, x, y);

        xAdv.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        xAdv.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        var distance = (xAdv - x).abs();
        distance.max().item<float>().Should().BeLessThanOrEqualTo((float)Epsilon + 1e-6f);
        distance.max().item<float>().Should().BeGreaterThan(0.5f * (float)Epsilon, "the attack moved the images");
    }

    [Test]
    public void Square_breaks_every_image_a_linear_binary_classifier_lets_break_within_its_budget()
    {
        // Small enough that only some images can be broken: ε·‖w₁ − w₀‖₁ is comparable to the clean margins.
        const double epsilon = 0.01;
        using var affine = RandomModels.Affine(seed: 55, inputs: 3 * 8 * 8, classes: 2);
        using var model = nn.Sequential(("flatten", nn.Flatten()), ("affine", affine));
        using var scope = NewDisposeScope();
        var (x, y) = CorrectlyClassified(model, seed: 56, count: 32);
        // Two classes: the image breaks iff the margin is negative at the corner x − ε·sign(w_y − w_other), clipped.
        var weight = ((TorchSharp.Modules.Linear)affine).weight!.detach();
        var towardsTrue = where(y.eq(1).unsqueeze(1), weight[1] - weight[0], weight[0] - weight[1]);
        var corner = (x.flatten(1) - epsilon * towardsTrue.sign()).clamp(0, 1).view_as(x);
        Tensor breakable, broken;
        using (no_grad()) breakable = model.forward(corner).argmax(1).ne(y);
        breakable.sum().item<long>().Should().BeInRange(5, 27, "the test needs both kinds of image");

        var xAdv = new SquareAttack(epsilon, queries: 1000, rescaleSchedule: true, seed: 3).Perturb(model, x, y);

        using (no_grad()) broken = model.forward(xAdv).argmax(1).ne(y);
        broken.SameAs(breakable).Should().BeTrue($"{broken.sum().item<long>()} broken of {breakable.sum().item<long>()} breakable");
    }

    [Test]
    public void Without_early_stop_every_sample_uses_every_query_even_once_it_is_misclassified()
    {
        const int queries = 30, count = 8;
        const double breaksSomeQuickly = 0.5;
        using var model = new RecordingModel(ImageMlp(seed: 59));
        using var scope = NewDisposeScope();
        var (x, y) = CorrectlyClassified(model, seed: 60, count: count);
        var everyImage = ones(count, dtype: ScalarType.Bool);
        IReadOnlyList<long> BatchesQueried(bool stopWhenFooled)
        {
            int before = model.Calls.Count;
            new SquareAttack(breaksSomeQuickly, queries, rescaleSchedule: true, seed: 4, stopWhenFooled: stopWhenFooled)
                .PerturbSurvivors(model, x, y, everyImage);
            return [.. model.Calls.Skip(before).Select(call => call.Batch)];
        }

        BatchesQueried(stopWhenFooled: true).Should().Contain(batch => batch < count, "the test needs images broken early");
        BatchesQueried(stopWhenFooled: false).Should().Equal(Enumerable.Repeat((long)count, 1 + queries), "the stripes' query, then every query on every image");
        new SquareAttack(Epsilon, stopWhenFooled: false).ToString().Should().EndWith("early stop=no");
    }

    [Test]
    public void Given_the_clean_predictions_it_attacks_the_images_they_call_correct_without_predicting_again()
    {
        using var model = new RecordingModel(ImageMlp(seed: 59));
        using var scope = NewDisposeScope();
        var (x, y) = CorrectlyClassified(model, seed: 60, count: 8);
        // The evaluation's clean predictions, as if the first image were a clean mistake.
        var clean = y.clone();
        clean[0] = (y[0] + 1).remainder(10);
        int before = model.Calls.Count;

        var xAdv = new SquareAttack(Epsilon, queries: 5, rescaleSchedule: true, seed: 4, stopWhenFooled: false).Perturb(model, x, y, clean: clean);

        xAdv[..1].BitIdenticalTo(x[..1]).Should().BeTrue("a clean mistake is not attacked");
        xAdv[1..].BitIdenticalTo(x[1..]).Should().BeFalse();
        model.Calls.Skip(before).Should().OnlyContain(call => call.Batch == 7, "only the 7 survivors are queried, and no clean prediction is made");
    }

    [Test]
    public void Same_seed_gives_identical_images_and_another_seed_different_ones()
    {
        using var model = ImageMlp(seed: 57);
        using var scope = NewDisposeScope();
        var (x, y) = CorrectlyClassified(model, seed: 58, count: 16);
        Tensor Attack(long seed) => new SquareAttack(Epsilon, queries: 100, rescaleSchedule: true, seed: seed).Perturb(model, x, y);

        var first = Attack(7);
        torch.manual_seed(999);   // the global generator must not matter
        Attack(7).BitIdenticalTo(first).Should().BeTrue();
        Attack(8).SameAs(first).Should().BeFalse();
    }
}
