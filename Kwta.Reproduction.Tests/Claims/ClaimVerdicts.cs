using Kwta.Model.Claims;
using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Snapshots;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Claims;

/// <summary>
/// Every claim of <see cref="ClaimsCatalogue"/> on every shipped family, decided by <see cref="ClaimChecks"/> with the
/// criteria of <see cref="ClaimTolerances"/> and compared with its reviewed verdict in expected/Verdicts.verified.md.
/// A test's name says the claim, where it is checked and what was recorded: "holds", "recorded refutation" when our
/// models refute it (the test then asserts that the claim still fails), or "not testable" when the claim's own rule
/// says the images cannot decide it (the test asserts that this is still so, so it fails once they can).
/// </summary>
[TestFixtureSource(typeof(ReproductionResults), nameof(ReproductionResults.Scales))]
public class ClaimVerdicts(ReproductionScale scale)
{
    static IEnumerable<TestCaseData> Recorded() =>
        RecordedVerdicts.Load(RepositoryLayout.Expected).Rows.Select(r => new TestCaseData(r).SetName(
            $"{r.Claim.Id} {r.Claim.Statement}: {r.Subject.Family.Name}, {r.Subject} — {(r.IsRefutation ? "recorded refutation" : r.Outcome.Text())}"));

    [TestCaseSource(nameof(Recorded))]
    public void Verdict(RecordedVerdict recorded)
    {
        var check = ReproductionResults.Checks(scale).SingleOrDefault(recorded.Matches)
                    ?? throw new AssertionException($"no check {recorded.Claim.Id} {recorded.Subject.Family.Name} {recorded.Subject} ran; accept a new verdict snapshot if the checks changed.");
        TestContext.Out.WriteLine(check.ToString());
        check.Outcome.Should().Be(recorded.Outcome, $"the check was recorded as \"{recorded.Outcome.Text()}\": {check.Evidence}");
    }

    [Test]
    public void Every_check_and_its_verdict_match_the_verified_snapshot() =>
        MarkdownSnapshot.Verify(RecordedVerdicts.SnapshotName, RecordedVerdicts.Render(ReproductionResults.Checks(scale)), MarkdownSnapshot.Exact);
}
