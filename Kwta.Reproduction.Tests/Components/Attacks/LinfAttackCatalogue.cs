using Kwta.Model.Activations;
using Kwta.Model.Attacks;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>Every L∞ attack of the suite at a given ε and seed, for the tests every such attack must pass.</summary>
static class LinfAttackCatalogue
{
    public static IEnumerable<TestCaseData> All(double epsilon)
    {
        yield return Case("fgsm", _ => new Fgsm(epsilon));
        foreach (var preset in PgdPresets.Names)
            yield return Case($"pgd {preset}", seed => PgdPresets.Create(preset, epsilon, seed));
        yield return Case("pgd with restarts", seed => new LinfPgd(epsilon, epsilon / 4, 5, restarts: 3, seed: seed));
        yield return Case("deepfool within ε", _ => new DeepFoolLinf(epsilon, acceptance: DeepFoolAcceptance.WithinEpsilon));
        yield return Case("deepfool clipped to ε", _ => new DeepFoolLinf(epsilon, acceptance: DeepFoolAcceptance.ClipToEpsilon));
        yield return Case("bpda relu", seed => new BpdaAttack(new LinfPgd(epsilon, epsilon / 4, 10, seed: seed), KwtaBackward.Relu));
        yield return Case("bpda identity", seed => new BpdaAttack(new LinfPgd(epsilon, epsilon / 4, 10, seed: seed), KwtaBackward.Identity));
        yield return Case("apgd-ce", seed => new ApgdUntargeted(epsilon, iterations: 10, seed: seed));
        yield return Case("apgd-dlr with restarts", seed => new ApgdUntargeted(epsilon, ApgdLoss.Dlr, iterations: 10, restarts: 2, seed: seed));
        yield return Case("apgd-t", seed => new ApgdTargeted(epsilon, targetClasses: 3, iterations: 10, seed: seed));
        yield return Case("fd-pgd", seed => new FiniteDifferencePgd(epsilon, epsilon / 4, 10, new SampleSchedule((0, 20)), seed: seed));
    }

    static TestCaseData Case(string name, Func<long, Attack> create) => new TestCaseData(create).SetArgDisplayNames(name);
}
