using Kwta.Model.Attacks;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>Attacks draw from their own seeded per-image generators: same seed, same x_adv, whatever the global RNG does.</summary>
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
        var y = Predictions.Of(model, x);   // labels the model gets right, so attacks that skip clean mistakes attack every image

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
        using var random1 = new PerImageGenerators(1, PerImageGenerators.Range(0, 16));
        using var random2 = new PerImageGenerators(2, PerImageGenerators.Range(0, 16));

        pgd.StartingPoint(x, random1).SameAs(pgd.StartingPoint(x, random2)).Should().BeFalse();
        PgdPresets.Create("paper", seed: 1).Perturb(model, x, y)
            .SameAs(PgdPresets.Create("paper", seed: 2).Perturb(model, x, y)).Should().BeFalse();
    }

    [Test]
    public void An_images_random_start_depends_on_its_index_in_the_set_not_on_its_batch()
    {
        using var scope = NewDisposeScope();
        var x = full(8, 40, 0.5f);
        var pgd = PgdPresets.Create("paper");
        using var wholeSet = new PerImageGenerators(3, PerImageGenerators.Range(0, 8));
        using var secondHalf = new PerImageGenerators(3, PerImageGenerators.Range(4, 4));
        using var sameRowsOtherImages = new PerImageGenerators(3, PerImageGenerators.Range(8, 8));

        var start = pgd.StartingPoint(x, wholeSet);

        pgd.StartingPoint(x[4..], secondHalf).SameAs(start[4..]).Should().BeTrue("images 4–7 start the same in any batch");
        pgd.StartingPoint(x, sameRowsOtherImages).SameAs(start).Should().BeFalse("other images draw other starts");
        start[0].SameAs(start[1]).Should().BeFalse("every image has a generator of its own");
    }
}
