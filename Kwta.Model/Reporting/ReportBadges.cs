using System.Text.Json;
using Kwta.Model.Claims;

namespace Kwta.Model.Reporting;

/// <summary>The report's badges, for a README or a workflow to show.</summary>
public static class ReportBadges
{
    /// <summary>shields.io endpoint badges: claims.json (testable checks holding N/M, and how many are not testable) and one per claim id.</summary>
    public static void Write(string directory, IReadOnlyList<ClaimCheck> checks)
    {
        Directory.CreateDirectory(directory);
        WriteBadge(Path.Combine(directory, "claims.json"), "claims holding", checks);
        foreach (var claim in checks.GroupBy(c => c.Claim.Id))
            WriteBadge(Path.Combine(directory, $"{claim.Key}.json"), $"{claim.Key} {claim.First().Claim.Statement}", [.. claim]);
    }

    static void WriteBadge(string path, string label, IReadOnlyList<ClaimCheck> checks)
    {
        int holding = checks.Count(c => c.Holds), testable = checks.Count(c => c.Outcome != ClaimOutcome.NotTestable);
        string color = testable == 0 ? "lightgrey" : holding == testable ? "brightgreen" : holding == 0 ? "red" : "yellow";
        string message = $"{holding}/{testable}{(testable < checks.Count ? $", {checks.Count - testable} not testable" : "")}";
        File.WriteAllText(path, JsonSerializer.Serialize(new { schemaVersion = 1, label, message, color }));
    }
}
