namespace Kwta.Model.Attacks;

/// <summary>
/// APGD's checkpoints (Croce &amp; Hein, ICML 2020, Section 3.2): the iterations wⱼ = ⌈pⱼ·N⌉ at which the step
/// size may be halved, with p₀ = 0, p₁ = 0.22 and pⱼ₊₁ = pⱼ + max(pⱼ − pⱼ₋₁ − 0.03, 0.06), up to N.
/// For N = 100: 0, 22, 41, 57, 70, 80, 87, 93, 99.
/// </summary>
public static class ApgdCheckpoints
{
    public static IReadOnlyList<int> For(int iterations)
    {
        AttackArguments.AtLeast(iterations, 1, nameof(iterations));
        // decimal keeps 0.22 + 0.19 exactly 0.41: in double ⌈0.41·100⌉ is 42.
        decimal previous = 0, current = 0.22m;
        var checkpoints = new List<int> { 0 };
        while (current <= 1)
        {
            int iteration = (int)Math.Ceiling(current * iterations);
            // For small N two fractions can round up to the same iteration; one checkpoint there.
            if (iteration > checkpoints[^1]) checkpoints.Add(iteration);
            (previous, current) = (current, current + Math.Max(current - previous - 0.03m, 0.06m));
        }
        return checkpoints;
    }
}
