using Kwta.Model.Claims;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The README's results table tells the three outcomes apart, marks a fragile verdict, and tells a claim that is
/// still waiting for its cells from one that cannot be run.</summary>
public class VerdictSummaryTests
{
    [Test]
    public void C6_is_not_run_for_a_family_without_a_random_init_twin_and_a_claim_without_checks_is_not_decided()
    {
        var verdicts = RecordedVerdicts.Parse(
            "| claim | family | subject | verdict |\n|---|---|---|---|\n" +
            "| C6 | resnet18-w16 | training logs, k-WTA 0.2 epoch 1 | holds |\n" +
            "| C2 | resnet18-w16 | k-WTA 0.1 PGD | does not hold |\n", "Verdicts.md");

        var rows = verdicts.RenderSummary().Split('\n');

        // Columns: resnet18-w16, alexnet-cifar, mnist-cnn, resnet18-w16-adv, resnet18-w16-annealed.
        rows.Single(r => r.StartsWith("| C6 ")).Should().EndWith(
            "| ✅ training logs, k-WTA 0.2 epoch 1 | not decided | not decided | not run (no random-init twin of its own) | not run (no random-init twin of its own) |");
        rows.Single(r => r.StartsWith("| C2 ")).Should().EndWith(
            "| ❌ k-WTA 0.1 PGD | not decided | not decided | not decided | not decided |");
    }

    [Test]
    public void A_not_testable_verdict_has_its_own_mark_a_fragile_one_is_flagged_and_the_legend_says_both()
    {
        var verdicts = RecordedVerdicts.Parse(
            "| claim | family | subject | verdict |\n|---|---|---|---|\n" +
            "| C2 | resnet18-w16 | k-WTA 0.2 PGD | not testable |\n" +
            "| C2 | resnet18-w16 | k-WTA 0.1 PGD | holds (fragile) |\n", "Verdicts.md");

        verdicts.Rows.Select(r => (r.Outcome, r.Fragile)).Should().Equal((ClaimOutcome.NotTestable, false), (ClaimOutcome.Holds, true));
        var summary = verdicts.RenderSummary();
        summary.Split('\n').Single(r => r.StartsWith("| C2 ")).Should().Contain("| ➖ k-WTA 0.2 PGD<br>✅ k-WTA 0.1 PGD ⚠ |").And.NotContain("❌");
        summary.Should().StartWith("✅ holds, ❌ does not hold, ➖ not testable (fewer than 7 images could favour the claim), ⚠ 2 images or fewer flip it");
    }

    [Test]
    public void A_verdict_that_is_no_outcome_is_refused_with_its_line() =>
        FluentActions.Invoking(() => RecordedVerdicts.Parse("| C2 | resnet18-w16 | k-WTA 0.2 PGD | refuted |\n", "Verdicts.md"))
            .Should().Throw<FormatException>().WithMessage("Verdicts.md, line 1: 'refuted' is no outcome (holds, does not hold, not testable).");
}
