using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>Every L∞ attack returns x_adv in [x − ε, x + ε] ∩ [0, 1], including for pixels at the box's edges.</summary>
public class ProjectionTests
{
    const double Epsilon = 0.05;

    /// <summary>float32 rounding of x ± ε: the bound holds to one unit in the last place.</summary>
    const float Rounding = 1e-6f;

    static IEnumerable<TestCaseData> Attacks() => LinfAttackCatalogue.All(Epsilon);

    [TestCaseSource(nameof(Attacks))]
    public void Result_stays_in_the_epsilon_ball_and_in_the_unit_box_for_inputs_near_0_and_1(Func<long, Attack> create)
    {
        using var model = RandomModels.Mlp(seed: 4, inputs: 40, hidden: 64, classes: 10, ActivationSpec.Kwta(0.3));
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        // Half the values within 0.02 of 0, half within 0.02 of 1, a few exactly at the bounds.
        var nearZero = 0.02 * rand(16, 20);
        var x = cat([nearZero, 1 - 0.02 * rand(16, 20)], 1);
        x[0, 0] = tensor(0f);
        x[0, 39] = tensor(1f);
        var y = Predictions.Of(model, x);   // labels the model gets right, so attacks that skip clean mistakes attack every image

        var xAdv = create(1).Perturb(model, x, y);

        xAdv.shape.Should().Equal(x.shape);
        xAdv.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        xAdv.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        (xAdv - x).abs().max().item<float>().Should().BeLessThanOrEqualTo((float)Epsilon + Rounding);
    }

    [Test]
    public void The_random_start_is_projected_too()
    {
        var pgd = new LinfPgd(Epsilon, stepSize: 0.01, steps: 1, randomStart: true, seed: 9);
        using var scope = NewDisposeScope();
        var x = cat([zeros(4, 50), ones(4, 50)], 0);
        using var random = new PerImageGenerators(9, PerImageGenerators.Range(0, 8));
        var start = pgd.StartingPoint(x, random);
        start.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        start.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        (start - x).abs().max().item<float>().Should().BeGreaterThan(0.5f * (float)Epsilon, "the noise moves pixels into the box");
    }
}
