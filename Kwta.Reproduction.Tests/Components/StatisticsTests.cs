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
        none.Should().Throw<ArgumentException>();
    }
}
