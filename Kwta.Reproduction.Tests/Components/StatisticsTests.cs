using Kwta.Model.Evaluation;

namespace Kwta.Reproduction.Tests.Components;

public class StatisticsTests
{
    [Test]
    public void Wilson_interval_matches_published_values()
    {
        // Newcombe (1998), Table I: 81/263 → 0.2553–0.3662; 0/10 → 0–0.2775.
        var (low, high) = Statistics.WilsonInterval(81, 263);
        low.Should().BeApproximately(0.2553, 5e-4);
        high.Should().BeApproximately(0.3662, 5e-4);
        var (zeroLow, zeroHigh) = Statistics.WilsonInterval(0, 10);
        zeroLow.Should().Be(0);
        zeroHigh.Should().BeApproximately(0.2775, 5e-4);
    }

    [Test]
    public void McNemar_one_sided_is_the_binomial_tail()
    {
        // 9 of 10 discordant pairs favour the first: P(X ≥ 9 | n=10, ½) = 11/1024.
        Statistics.McNemarOneSided(9, 1).Should().BeApproximately(11.0 / 1024, 1e-12);
        Statistics.McNemarOneSided(0, 0).Should().Be(1);
        Statistics.McNemarOneSided(0, 5).Should().BeApproximately(1, 1e-12);
        Statistics.McNemarOneSided(300, 0).Should().BeLessThan(1e-80);
    }

    [Test]
    public void McNemar_on_paired_outcomes_counts_only_discordant_images()
    {
        bool[] kwta = [true, true, true, false, true];
        bool[] relu = [false, false, true, false, true];
        Statistics.McNemarOneSided(kwta, relu).Should().BeApproximately(0.25, 1e-12);
    }

    [Test]
    public void Newcombes_paired_difference_interval_matches_a_published_example()
    {
        // Cavo et al. 2012 in Fagerland, Lydersen & Laake, "Statistical Analysis of Contingency Tables" (2017), Ch. 8:
        // 59 pairs on both sides, 6 on the first only, 16 on the second only, 80 on neither → −0.0621 (−0.1186 to −0.0046)
        // with Newcombe's square-and-add (method 10) interval, the values the R package contingencytables pins too.
        var (low, high) = Statistics.NewcombePairedDifference(59, 6, 16, 80);
        low.Should().BeApproximately(-0.1186, 5e-5);
        high.Should().BeApproximately(-0.0046, 5e-5);
    }

    [Test]
    public void Newcombes_interval_without_correlation_adds_the_Wilson_half_widths_in_quadrature()
    {
        // 10 pairs on the first only, 10 on neither: the first side's proportion is ½ and the second's 0, and φ is 0
        // (the second never succeeds), so the lower limit is ½ − √((½ − l₁)² + u₂²) and the upper ½ + (u₁ − ½).
        var (l1, u1) = Statistics.WilsonInterval(10, 20);
        var (_, u2) = Statistics.WilsonInterval(0, 20);
        var (low, high) = Statistics.NewcombePairedDifference(0, 10, 0, 10);
        low.Should().BeApproximately(0.5 - Math.Sqrt((0.5 - l1) * (0.5 - l1) + u2 * u2), 1e-12);
        high.Should().BeApproximately(u1, 1e-12);
    }

    [Test]
    public void Holm_multiplies_the_ith_smallest_of_m_p_values_by_m_minus_i_plus_1_and_keeps_them_in_order()
    {
        // Sorted 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04, then raised to 0.06 to stay monotone.
        Statistics.Holm([0.01, 0.04, 0.03, 0.005]).Should().Equal([0.03, 0.06, 0.06, 0.02], (a, b) => Math.Abs(a - b) < 1e-12);
        Statistics.Holm([0.5, 0.9]).Should().Equal([1.0, 1.0], "an adjusted p is capped at 1");
        Statistics.Holm([0.004]).Should().Equal([0.004], "a family of one is not corrected");
    }

    [Test]
    public void The_exact_one_sided_McNemar_test_needs_7_discordant_pairs_for_p_below_001()
    {
        // With b pairs all one way p = ½^b: ½^6 = 0.0156, ½^7 = 0.0078.
        Statistics.MinimumDiscordantPairs(0.01).Should().Be(7);
        Statistics.McNemarOneSided(6, 0).Should().BeGreaterThan(0.01);
        Statistics.McNemarOneSided(7, 0).Should().BeLessThan(0.01);
        Statistics.MinimumDiscordantPairs(0.125).Should().Be(4, "½^3 is exactly 0.125, not below it");
    }

    [Test]
    public void The_binomial_upper_tail_has_its_closed_form()
    {
        // X ~ Binomial(3, ½): P(X > 0) = 7/8, P(X > 1) = ½, P(X > 2) = 1/8, P(X > 3) = 0.
        Statistics.BinomialUpperTail(3, 0.5, 0).Should().BeApproximately(0.875, 1e-12);
        Statistics.BinomialUpperTail(3, 0.5, 1).Should().BeApproximately(0.5, 1e-12);
        Statistics.BinomialUpperTail(3, 0.5, 2).Should().BeApproximately(0.125, 1e-12);
        Statistics.BinomialUpperTail(3, 0.5, 3).Should().Be(0);
        // P(X > 1) for Binomial(200, 0.01) = 1 − 0.99²⁰⁰ − 200·0.01·0.99¹⁹⁹.
        Statistics.BinomialUpperTail(200, 0.01, 1).Should().BeApproximately(1 - Math.Pow(0.99, 200) - 2 * Math.Pow(0.99, 199), 1e-12);
    }

    [Test]
    public void The_median_is_the_middle_value_or_the_mean_of_the_middle_two_and_ignores_an_outlier()
    {
        Statistics.Median([3.0, 1.0, 2.0]).Should().Be(2);
        Statistics.Median([4.0, 1.0, 3.0, 2.0]).Should().Be(2.5);
        Statistics.Median([695.5, 694.7, 6869.5]).Should().Be(695.5, "an epoch that spans a paused run does not move it");
        var none = () => Statistics.Median([]);
        none.Should().Throw<ArgumentException>().WithMessage("the median of no values is undefined.*");
    }

    [Test]
    public void A_Wilson_interval_needs_a_trial_and_a_success_count_within_the_trials()
    {
        FluentActions.Invoking(() => Statistics.WilsonInterval(0, 0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("need at least one trial. (Parameter 'trials')*");
        FluentActions.Invoking(() => Statistics.WilsonInterval(-1, 10)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("must lie in 0..10. (Parameter 'successes')*");
        FluentActions.Invoking(() => Statistics.WilsonInterval(11, 10)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("successes");
        Statistics.WilsonInterval(10, 10).High.Should().Be(1, "every trial a success reaches 1 and not beyond");
    }

    [Test]
    public void McNemar_refuses_a_negative_count_and_outcomes_of_different_lengths()
    {
        FluentActions.Invoking(() => Statistics.McNemarOneSided(-1, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("counts must be ≥ 0.*");
        FluentActions.Invoking(() => Statistics.McNemarOneSided(0, -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Statistics.McNemarOneSided([true, false], [true])).Should().Throw<ArgumentException>()
            .WithMessage("paired outcomes differ in length (2 vs 1).*");
    }

    [Test]
    public void McNemar_on_paired_outcomes_tells_first_only_from_second_only_images()
    {
        // First only, second only, both, first only: 2 of 3 discordant images favour the first, P(X ≥ 2 | n = 3, ½) = ½.
        Statistics.McNemarOneSided([true, false, true, true], [false, true, true, false]).Should().BeApproximately(0.5, 1e-12);
    }

    [Test]
    public void The_fewest_discordant_pairs_is_defined_only_for_a_level_strictly_between_0_and_1()
    {
        FluentActions.Invoking(() => Statistics.MinimumDiscordantPairs(0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("must lie strictly between 0 and 1. (Parameter 'alpha')*");
        FluentActions.Invoking(() => Statistics.MinimumDiscordantPairs(1)).Should().Throw<ArgumentOutOfRangeException>();
        Statistics.MinimumDiscordantPairs(0.5).Should().Be(2, "½^1 is 0.5, not below it");
    }

    [Test]
    public void Newcombes_interval_with_perfectly_negative_correlation_adds_the_Wilson_half_widths()
    {
        // 10 pairs on the first only, 10 on the second only: both proportions are ½ and φ = (0·0 − 10·10) / √(10⁴) = −1, so
        // each limit is the sum of the two sides' half-widths, which at ½ are both (u − l) / 2.
        var (l, u) = Statistics.WilsonInterval(10, 20);
        var (low, high) = Statistics.NewcombePairedDifference(0, 10, 10, 0);
        low.Should().BeApproximately(-(u - l), 1e-12);
        high.Should().BeApproximately(u - l, 1e-12);
    }

    [Test]
    public void Newcombes_interval_shrinks_a_small_positive_correlation_to_none()
    {
        // 1 both, 4 and 4 discordant, 21 neither: ad − bc = 21 − 16 = 5 ≤ n/2 = 15, so φ is 0; both proportions being
        // p = 5/30, each limit adds the Wilson interval's lower and upper half-widths in quadrature.
        var (l, u) = Statistics.WilsonInterval(5, 30);
        double p = 5 / 30.0, halfWidth = Math.Sqrt((p - l) * (p - l) + (u - p) * (u - p));
        var (low, high) = Statistics.NewcombePairedDifference(1, 4, 4, 21);
        low.Should().BeApproximately(-halfWidth, 1e-12);
        high.Should().BeApproximately(halfWidth, 1e-12);
    }

    [Test]
    public void Newcombes_interval_shrinks_a_larger_positive_correlation_by_n_over_2()
    {
        // 2 both, 1 and 1 discordant, 12 neither: n = 16, both proportions 3/16, and φ = (ad − bc − n/2) / √(3·13·3·13)
        // = (24 − 1 − 8) / 39 = 5/13; each limit is √(a² + b² − 2φab) for the Wilson half-widths a = p − l and b = u − p.
        var (l, u) = Statistics.WilsonInterval(3, 16);
        double p = 3 / 16.0, a = p - l, b = u - p, halfWidth = Math.Sqrt(a * a + b * b - 2 * (5 / 13.0) * a * b);
        var (low, high) = Statistics.NewcombePairedDifference(2, 1, 1, 12);
        low.Should().BeApproximately(-halfWidth, 1e-12);
        high.Should().BeApproximately(halfWidth, 1e-12);
    }

    [TestCase(-1, 4, 4, 21)]
    [TestCase(1, -1, 4, 21)]
    [TestCase(1, 4, -1, 21)]
    [TestCase(1, 4, 4, -1)]
    public void Newcombes_interval_refuses_a_negative_count(int both, int onlyFirst, int onlySecond, int neither) =>
        FluentActions.Invoking(() => Statistics.NewcombePairedDifference(both, onlyFirst, onlySecond, neither)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("counts must be ≥ 0.*");

    [Test]
    public void Holm_leaves_an_empty_family_empty() => Statistics.Holm([]).Should().BeEmpty();

    [Test]
    public void The_binomial_upper_tail_at_its_edges_is_0_or_1_and_refuses_what_is_no_binomial()
    {
        Statistics.BinomialUpperTail(3, 0.5, -1).Should().Be(1, "X > −1 always");
        Statistics.BinomialUpperTail(3, 1, 2).Should().Be(1, "with p = 1, X = n");
        Statistics.BinomialUpperTail(3, 1, 3).Should().Be(0, "not even p = 1 makes X exceed n");
        Statistics.BinomialUpperTail(3, 0, 0).Should().Be(0, "with p = 0, X = 0");
        Statistics.BinomialUpperTail(0, 0.5, 0).Should().Be(0, "no trial, no success");
        FluentActions.Invoking(() => Statistics.BinomialUpperTail(-1, 0.5, 0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("need n ≥ 0 and p in [0, 1]. (Parameter 'p')*");
        FluentActions.Invoking(() => Statistics.BinomialUpperTail(3, -0.1, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Statistics.BinomialUpperTail(3, 1.1, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
