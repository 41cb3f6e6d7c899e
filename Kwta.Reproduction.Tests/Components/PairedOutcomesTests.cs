using Kwta.Model.Evaluation;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The 2×2 table of two sides' outcomes on the same images, and what the claims read from it.</summary>
public class PairedOutcomesTests
{
    [Test]
    public void The_table_counts_the_common_first_images_by_which_side_left_them_robust()
    {
        var table = PairedOutcomes.Of([true, true, false, false, true], [true, false, true, false]);

        table.Should().Be(new PairedOutcomes(Both: 1, OnlyFirst: 1, OnlySecond: 1, Neither: 1), "the fifth image has no partner");
        (table.Count, table.FirstRobust, table.SecondRobust).Should().Be((4, 2, 2));
        PairedOutcomes.Of([false, true], [true, true]).Should().Be(new PairedOutcomes(1, 0, 1, 0));
    }

    [Test]
    public void The_percentages_are_of_the_paired_images_and_0_without_any()
    {
        var table = new PairedOutcomes(Both: 3, OnlyFirst: 2, OnlySecond: 1, Neither: 4);

        (table.FirstPercent, table.SecondPercent).Should().Be((50, 40));
        (new PairedOutcomes(0, 0, 0, 0).FirstPercent, new PairedOutcomes(0, 0, 0, 0).SecondPercent).Should().Be((0, 0));
    }

    [Test]
    public void The_difference_is_in_percentage_points_with_Newcombes_interval()
    {
        var (difference, low, high) = new PairedOutcomes(59, 6, 16, 80).DifferencePoints;
        var (newcombeLow, newcombeHigh) = Statistics.NewcombePairedDifference(59, 6, 16, 80);

        difference.Should().BeApproximately(100.0 * (65 - 75) / 161, 1e-12);
        low.Should().Be(100 * newcombeLow);
        high.Should().Be(100 * newcombeHigh);
    }

    [Test]
    public void The_p_value_is_McNemars_on_the_discordant_images() =>
        new PairedOutcomes(Both: 40, OnlyFirst: 7, OnlySecond: 0, Neither: 40).OneSidedP.Should().Be(Statistics.McNemarOneSided(7, 0));

    [TestCase(3, 2, 1, 4, 5)]
    [TestCase(5, 0, 3, 2, 2)]
    public void At_most_the_first_sides_robust_images_and_the_second_sides_broken_ones_can_favour_the_first(
        int both, int onlyFirst, int onlySecond, int neither, int mostFavourable) =>
        new PairedOutcomes(both, onlyFirst, onlySecond, neither).MostFavourable.Should().Be(mostFavourable);

    [TestCase(7, 3)]
    [TestCase(6, 1)]
    [TestCase(4, 0)]
    public void Images_short_of_a_count_add_what_each_side_lacks_and_nothing_where_it_has_enough(int needed, int short_)
    {
        // 5 robust on the first side, 6 broken on the second.
        new PairedOutcomes(Both: 3, OnlyFirst: 2, OnlySecond: 1, Neither: 4).ImagesShortOf(needed).Should().Be(short_);
    }

    [Test]
    public void One_image_flips_a_significant_result_at_7_to_0_discordant_images()
    {
        // p(7, 0) = ½⁷ = 0.0078; one more second-only image (from the concordant ones) gives p(7, 1) = 0.035, one first-only
        // image less p(6, 0) = 0.016.
        new PairedOutcomes(Both: 10, OnlyFirst: 7, OnlySecond: 0, Neither: 10).FlipDistance(p => p < 0.01).Should().Be(1);
        new PairedOutcomes(Both: 0, OnlyFirst: 7, OnlySecond: 0, Neither: 0).FlipDistance(p => p < 0.01).Should().Be(1);
    }

    [Test]
    public void A_result_that_needs_a_concordant_image_to_become_significant_cannot_flip_without_one()
    {
        // 6 to 0 gives p = ½⁶ = 0.016: a seventh first-only image must come from the concordant ones.
        new PairedOutcomes(Both: 1, OnlyFirst: 6, OnlySecond: 0, Neither: 0).FlipDistance(p => p < 0.01).Should().Be(1);
        new PairedOutcomes(Both: 0, OnlyFirst: 6, OnlySecond: 0, Neither: 0).FlipDistance(p => p < 0.01).Should().BeNull();
    }

    [Test]
    public void A_significant_result_without_concordant_images_weakens_only_as_first_only_images_leave()
    {
        // 12 to 0 (p = ½¹²): with no concordant image none can turn second-only, so the first-only images must fall to 6
        // (½⁶ = 0.016). Were second-only images free to appear, three would do (p(12, 3) = 576/32768 = 0.018).
        new PairedOutcomes(Both: 0, OnlyFirst: 12, OnlySecond: 0, Neither: 0).FlipDistance(p => p < 0.01).Should().Be(6);
    }

    [Test]
    public void A_flip_may_need_every_image()
    {
        // Seven images robust on both sides: all seven must become first-only for p = ½⁷.
        new PairedOutcomes(Both: 7, OnlyFirst: 0, OnlySecond: 0, Neither: 0).FlipDistance(p => p < 0.01).Should().Be(7);
        // Under a rule that only p = 1 fails, both first-only images must go: p(1, 0) = ½ still passes, p(0, 0) = 1 does not.
        new PairedOutcomes(Both: 0, OnlyFirst: 2, OnlySecond: 0, Neither: 0).FlipDistance(p => p < 1).Should().Be(2);
    }

    [Test]
    public void A_non_significant_result_becomes_significant_once_enough_second_only_images_leave_their_cell()
    {
        // 7 to 2 gives p(7, 2) = 46/512 = 0.09; one second-only image less gives p(7, 1) = 9/256 = 0.035, both p(7, 0) =
        // 1/128 = 0.0078. With no concordant image, none can turn first-only.
        new PairedOutcomes(Both: 0, OnlyFirst: 7, OnlySecond: 2, Neither: 0).FlipDistance(p => p < 0.01).Should().Be(2);
    }
}
