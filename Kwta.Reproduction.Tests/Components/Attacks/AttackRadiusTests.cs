using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>The L∞ radius an attack declares is the one the ledger holds its rows to (<c>LedgerRows.CheckAgainst</c>):
/// a wrapper's is its inner attack's, a follow-up's the larger of its two, VGA's unbounded.</summary>
public class AttackRadiusTests
{
    [Test]
    public void Each_attack_declares_the_radius_its_images_stay_within()
    {
        using var source = RandomModels.Mlp(seed: 1, inputs: 4, hidden: 3, classes: 2);
        var pgd = new LinfPgd(0.031, 0.003, 40, seed: 1);

        pgd.LinfRadius.Should().Be(0.031);
        new TransferAttack(source, pgd).LinfRadius.Should().Be(0.031);
        new BpdaAttack(pgd, KwtaBackward.Relu).LinfRadius.Should().Be(0.031);
        new SurvivorFollowUp(pgd, new LinfPgd(1, 0.0625, 40, seed: 1)).LinfRadius.Should().Be(1);
        new SurvivorFollowUp(new LinfPgd(1, 0.0625, 40, seed: 1), pgd).LinfRadius.Should().Be(1);
        new VanillaGradientAscent(1.4).LinfRadius.Should().Be(double.PositiveInfinity);
    }
}
