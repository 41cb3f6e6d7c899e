namespace Kwta.Model.Attacks;

/// <summary>
/// The budgets of the AutoAttack family (sources: Croce &amp; Hein, ICML 2020, and their code, fra31/auto-attack):
/// <list type="bullet">
/// <item><c>standard</c>: AutoAttack's "standard" version in L∞: APGD-CE with 100 iterations and 1 restart,
/// APGD-T with 100 iterations, 9 target classes and 1 restart, Square with 5000 queries, p_init 0.8 and the
/// schedule not rescaled; ρ 0.75 and the same seed for all.</item>
/// <item><c>fast</c>: the same attacks at a quick-run budget: APGD 20 iterations, APGD-T 3 target classes,
/// Square 500 queries with the schedule rescaled to them.</item>
/// </list>
/// The ensemble leaves out FAB-T (see <see cref="AutoAttackEnsemble"/>). ε is the caller's.
/// </summary>
public static class AutoAttackPresets
{
    public static readonly IReadOnlyList<string> Names = ["standard", "fast"];

    public static ApgdUntargeted Apgd(string preset, ApgdLoss loss, double epsilon, long seed) =>
        new(epsilon, loss, iterations: IsFast(preset) ? 20 : 100, restarts: 1, seed: seed);

    public static ApgdTargeted ApgdTargeted(string preset, double epsilon, long seed) =>
        IsFast(preset)
            ? new(epsilon, targetClasses: 3, iterations: 20, seed: seed)
            : new(epsilon, Attacks.ApgdTargeted.AutoAttackTargetClasses, iterations: 100, seed: seed);

    public static SquareAttack Square(string preset, double epsilon, long seed) =>
        IsFast(preset)
            ? new(epsilon, queries: 500, rescaleSchedule: true, seed: seed)
            : new(epsilon, SquareAttack.AutoAttackQueries, rescaleSchedule: false, seed: seed);

    public static AutoAttackEnsemble Ensemble(string preset, double epsilon, long seed) =>
        new([Apgd(preset, ApgdLoss.CrossEntropy, epsilon, seed), ApgdTargeted(preset, epsilon, seed), Square(preset, epsilon, seed)]);

    static bool IsFast(string preset) => preset.ToLowerInvariant() switch
    {
        "standard" => false,
        "fast" => true,
        _ => throw new ArgumentException($"Unknown AutoAttack preset '{preset}'. Known: {string.Join(", ", Names)}.", nameof(preset)),
    };
}
