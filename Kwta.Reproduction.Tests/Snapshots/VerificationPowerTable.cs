using System.Globalization;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Ledger;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// docs/testing.md's table of what each column's re-verification sample detects is generated from
/// <see cref="LedgerPlan.Verification"/> and <see cref="VerificationStrata"/>'s power, so a changed sample size or
/// tolerance changes the documented power with it.
/// </summary>
public class VerificationPowerTable
{
    const string Begin = "<!-- verification power: generated from LedgerPlan.Verification; KWTA_ACCEPT=1 dotnet test rewrites it -->";
    const string End = "<!-- end of verification power -->";

    [Test]
    public void The_testing_docs_state_what_each_columns_sample_detects_as_the_code_computes_it() =>
        GeneratedMarkdownBlock.Verify(Path.Combine(RepositoryLayout.Root, "docs", "testing.md"), Begin, End, Render());

    static string Render()
    {
        var table = new System.Text.StringBuilder()
            .AppendLine("| column | survivors nearest the boundary | broken nearest | at random | nightly: survivors nearest | on the CPU it was built on, detected | across CPUs, detected |")
            .AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach (var column in Enum.GetValues<ResultColumn>().Where(c => c != ResultColumn.Clean))
        {
            var strata = LedgerPlan.Verification(column);
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {column.Header()} | {strata.NearestSurvivors} | {strata.NearestBroken} | {strata.Random}{(strata.RandomAmongSurvivors ? "" : " (no survivor)")} "
                + $"| {LedgerPlan.NightlyVerification(column)?.NearestSurvivors.ToString(CultureInfo.InvariantCulture) ?? "–"} "
                + $"| {(strata.RepeatsOnItsCpu ? OnItsCpu(strata) : "as across CPUs")} "
                + $"| {AcrossCpus(strata)} |"));
        }
        return table.ToString();
    }

    static string OnItsCpu(VerificationStrata strata) =>
        Detected(strata.NearestSurvivors + strata.NearestBroken is > 0 and var nearest ? $"any change on one of the {nearest} nearest" : null,
                 strata.MarginChangeDetected is { } share ? $"a change to ≥ {Percent(share)} of the {(strata.RandomAmongSurvivors ? "images" : "broken images")}" : null);

    static string AcrossCpus(VerificationStrata strata) =>
        Detected(strata.BoundaryFlipsDetected is { } flips ? $"{flips} of the {strata.NearestSurvivors + strata.NearestBroken} nearest flipped" : null,
                 strata.FlipRateDetected is { } rate ? $"≥ {Percent(rate)} of the outcomes flipped at random" : null, "any confident flip");

    static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{100 * share:F0}%");

    static string Detected(params string?[] changes) => string.Join("; ", changes.OfType<string>());
}
