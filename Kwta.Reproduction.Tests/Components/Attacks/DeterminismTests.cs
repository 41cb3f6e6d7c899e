using Kwta.Model.Attacks;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>Attacks draw from their own seeded generator: same seed, same x_adv, whatever the global RNG does.</summary>
public class DeterminismTests
{
    static IEnumerable<TestCaseData> Attacks() => LinfAttackCatalogue.All(0.05);

    [TestCaseSource(nameof(Attacks))]
    public void Same_seed_gives_identical_adversarial_images(Func<long, Attack> create)
    {
        using var model = RandomModels.Mlp(seed: 6, inputs: 40, hidden: 64, classes: 10);
        using var scope = NewDisposeScope();
        torch.manual_seed(7);
        var x = rand(16, 40);
        var y = randint(0, 10, [16]);

        var first = create(42).Perturb(model, x, y);
        torch.manual_seed(12345);   // disturbing the global generator must not matter
        var second = create(42).Perturb(model, x, y);

        first.BitIdenticalTo(second).Should().BeTrue();
    }

    [Test]
    public void Different_seeds_give_different_random_starts_and_results()
    {
        using var model = RandomModels.Mlp(seed: 6, inputs: 40, hidden: 64, classes: 10);
        using var scope = NewDisposeScope();
        torch.manual_seed(7);
        var x = rand(16, 40);
        var y = randint(0, 10, [16]);
        var pgd = PgdPresets.Create("paper", seed: 1);
        using var random1 = new SeededCalls(1).Next();
        using var random2 = new SeededCalls(2).Next();

        pgd.StartingPoint(x, random1).SameAs(pgd.StartingPoint(x, random2)).Should().BeFalse();
        PgdPresets.Create("paper", seed: 1).Perturb(model, x, y)
            .SameAs(PgdPresets.Create("paper", seed: 2).Perturb(model, x, y)).Should().BeFalse();
    }

    [Test]
    public void Successive_calls_draw_fresh_random_starts_in_a_reproducible_sequence()
    {
        using var scope = NewDisposeScope();
        var x = full(8, 40, 0.5f);
        using var first = new SeededCalls(3).Next();
        var calls = new SeededCalls(3);
        using var again = calls.Next();
        using var next = calls.Next();
        var pgd = PgdPresets.Create("paper");
        var startOfFirstCall = pgd.StartingPoint(x, first);
        var startOfFirstCallAgain = pgd.StartingPoint(x, again);
        var startOfSecondCall = pgd.StartingPoint(x, next);
        startOfFirstCall.SameAs(startOfFirstCallAgain).Should().BeTrue();
        startOfFirstCallAgain.SameAs(startOfSecondCall).Should().BeFalse();
    }
}
