using Kwta.Model.Evaluation;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The accuracies of an attack's outcomes: clean accuracy per image, robust accuracy and target reach per outcome.</summary>
public class AttackReportTests
{
    /// <summary>Two images of label 1 attacked towards targets 2 and 3: the first is classified correctly and reaches
    /// target 2 only, the second is a clean mistake that the attack moves to both targets.</summary>
    static readonly AttackReport Targeted = new("vga", 2,
    [
        new AttackOutcome(0, 1, 2, 1, 2, 0.1, -1), new AttackOutcome(0, 1, 3, 1, 1, 0.1, 1),
        new AttackOutcome(1, 1, 2, 0, 2, 0.1, -1), new AttackOutcome(1, 1, 3, 0, 3, 0.1, -1),
    ]);

    [Test]
    public void A_targeted_report_counts_each_image_once_for_clean_accuracy_and_each_pair_for_the_rest()
    {
        Targeted.Targeted.Should().BeTrue();
        Targeted.CleanAccuracy.Should().Be(0.5, "one of the two images is classified correctly, whatever its number of targets");
        Targeted.RobustAccuracy.Should().Be(0.25, "one of the four (image, target) pairs is still correct");
        Targeted.TargetReachedRate.Should().Be(0.75, "three of the four pairs reached their target");
    }

    [Test]
    public void An_untargeted_report_has_no_target_rate()
    {
        var report = new AttackReport("pgd", 4,
            [new AttackOutcome(0, 1, null, 1, 1, 0.03, 2), new AttackOutcome(1, 1, null, 1, 0, 0.03, -2), new AttackOutcome(2, 4, null, 4, 4, 0.03, 1), new AttackOutcome(3, 4, null, 0, 0, 0.03, -1)]);

        report.Targeted.Should().BeFalse();
        report.TargetReachedRate.Should().BeNull();
        (report.CleanAccuracy, report.RobustAccuracy).Should().Be((0.75, 0.5));
    }

    [Test]
    public void A_report_without_outcomes_has_accuracies_of_0_not_NaN()
    {
        var empty = new AttackReport("pgd", 0, []);

        (empty.CleanAccuracy, empty.RobustAccuracy).Should().Be((0, 0));
        empty.Targeted.Should().BeFalse("no outcome has a target");
        empty.TargetReachedRate.Should().BeNull();
    }
}
