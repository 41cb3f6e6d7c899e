using System.Globalization;
using System.Text;
using System.Text.Json;
using Kwta.Model.Claims;
using Kwta.Model.Evaluation;
using Kwta.Model.Persistence;
using Kwta.Model.Reproduction;

namespace Kwta.Model.Reporting;

/// <summary>
/// <c>report/REPORT.md</c> (tables, claim verdicts with their numbers, settings, machine, time, figures),
/// <c>report/results.json</c> (every cell's counts), the PNG figures and the badge JSON, in a <see cref="ReportFolder"/>.
/// </summary>
public static class ReproductionReport
{
    public const string ReportFile = "REPORT.md";
    public const string ResultsFile = "results.json";
    public const string BadgesFolder = "badges";

    public static void Write(string directory, IReadOnlyList<FamilyResults> families, IReadOnlyList<string> undecidedFamilies,
                             ReproductionSettings settings, TimeSpan elapsed, RecordedVerdicts recorded,
                             ClaimCheck? reluInitialisationTraining = null, ReportFigures? figures = null)
    {
        // A report of no family checks no claim, yet its badge would read "0/0" in green.
        if (families.Count == 0) throw new ArgumentException("no family was run, so there is no report to write.", nameof(families));
        var staging = ReportFolder.Stage(directory);
        var figuresMarkdown = figures?.Draw(staging, families);
        // C5 needs the overhead benchmark, which the figures run.
        var checks = ClaimChecks.All(families, reluInitialisationTraining, figures?.Overhead);
        File.WriteAllText(Path.Combine(staging, ReportFile), Markdown(families, checks, recorded, undecidedFamilies, settings, elapsed, figuresMarkdown));
        File.WriteAllText(Path.Combine(staging, ResultsFile), Json(families, checks));
        WriteBadges(Path.Combine(staging, BadgesFolder), checks);
        ReportFolder.MoveIntoPlace(staging, directory);
    }

    static string Markdown(IReadOnlyList<FamilyResults> families, IReadOnlyList<ClaimCheck> checks, RecordedVerdicts recorded, IReadOnlyList<string> undecidedFamilies,
                                  ReproductionSettings settings, TimeSpan elapsed, string? extraMarkdown)
    {
        var text = new StringBuilder("# k-WTA reproduction report\n\n");
        text.Append(FormattableString.Invariant(
            $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `kwta reproduce` in {elapsed:hh\\:mm\\:ss} on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}), {Runtime.TorchVersions.Describe()}; numerics: {Runtime.PinnedNumerics.Describe()}.\n\n"));
        text.Append(FormattableString.Invariant(
            $"Outcomes: {string.Join("; ", families.Select(f => $"{f.Family.Name} from {f.Source}"))} (each table gives n per column).\n\n"));
        text.Append(FormattableString.Invariant(
            $"Settings of a family run in this process: clean accuracy on {settings.CleanImages} images; PGD, seed-foolbox PGD, transfer and BPDA on {settings.PgdImages}; DeepFool on {settings.DeepFoolImages}; VGA on {settings.VgaImages} images × 9 targets; finite-difference PGD ({(settings.TramerFiniteDifference ? "Tramèr et al.'s schedule" : "fast schedule")}) on {settings.FiniteDifferenceImages}; seed {settings.Seed}.\n\n"));
        if (undecidedFamilies.Count > 0)
            text.Append($"Not decided: {string.Join("; ", undecidedFamilies)}.\n\n");

        text.Append(FormattableString.Invariant(
            $"## Claims\n\nOutcomes: holds, does not hold, or not testable: the claim's rule (docs/claims.md) says the images could not decide it, since fewer than {ClaimTolerances.MinimumDiscordantPairs} could favour it. Verdicts are decided on p-values adjusted by {ClaimsCatalogue.Correction}; the evidence gives each paired test's difference in robust accuracy with its 95% interval (Newcombe's hybrid score), its raw p and its adjusted p. \"Flips with\" is the fewest images whose outcome would flip the verdict (for a test that is not testable: make it testable), marked fragile at {ClaimTolerances.FragileImages} or fewer.\n\n"));
        text.Append("| claim | family | subject | verdict | flips with | evidence |\n|---|---|---|---|---|---|\n");
        foreach (var check in checks)
            text.Append($"| {check.Claim.Id} {check.Claim.Statement} | {check.Subject.Family.Name} | {check.Subject} | {Verdict(check, recorded)} | {FlipsWith(check)} | {check.Evidence} |\n");
        var corrected = checks.Where(c => c.Uncorrected != c.Outcome).ToList();
        text.Append(corrected.Count == 0 ? "\nThe correction changes no verdict.\n" : "\nVerdicts the correction changes (on raw p → on adjusted p):\n\n");
        foreach (var check in corrected)
            text.Append($"- {check.Claim.Id} {check.Subject.Family.Name} {check.Subject}: {check.Uncorrected.Text()} → {check.Outcome.Text()}\n");
        text.Append('\n');
        foreach (var family in families) text.Append(ResultTables.Markdown(family)).Append('\n');
        if (extraMarkdown is not null) text.Append(extraMarkdown).Append('\n');
        return text.ToString();
    }

    /// <summary>The verdict, marked when it is a recorded refutation, or when it differs from the recorded verdict.</summary>
    static string Verdict(ClaimCheck check, RecordedVerdicts recorded) => recorded.Of(check) switch
    {
        null => $"{check.Verdict} (not recorded)",
        { Outcome: var outcome } when outcome != check.Outcome => $"{check.Verdict} (recorded: {outcome.Text()})",
        { IsRefutation: true } => $"{check.Verdict} (recorded refutation)",
        _ => check.Verdict,
    };

    /// <summary>"3 images", "1 image, fragile", or "–" for a timing.</summary>
    static string FlipsWith(ClaimCheck check) => check.FlipDistance switch
    {
        null => "–",
        var images => $"{images} image{(images == 1 ? "" : "s")}{(check.Fragile ? ", fragile" : "")}",
    };

    /// <summary>shields.io endpoint badges: claims.json (testable checks holding N/M, and how many are not testable) and one per claim id.</summary>
    static void WriteBadges(string directory, IReadOnlyList<ClaimCheck> checks)
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

    static string Json(IReadOnlyList<FamilyResults> families, IReadOnlyList<ClaimCheck> checks)
    {
        var cells = from f in families
                    from activation in ModelFamily.Activations
                    from column in Enum.GetValues<ResultColumn>()
                    where f.Has(activation, column)
                    let successes = f.Successes(activation, column)
                    let trials = f.Trials(activation, column)
                    let interval = Statistics.WilsonInterval(successes, trials)
                    select new
                    {
                        family = f.Family.Name, model = f.Family.ModelName(activation), column = column.Header(),
                        successes, trials, percent = 100.0 * successes / trials,
                        ciLow = 100 * interval.Low, ciHigh = 100 * interval.High,
                        // Per image, in evaluation order: 1 = correct after the attack. Lets runs on two machines be compared image by image.
                        outcomes = string.Concat(f.Outcomes(activation, column).Select(r => r ? '1' : '0')),
                    };
        return JsonSerializer.Serialize(new { cells = cells.ToList(), claims = checks.Select(c => new
        {
            id = c.Claim.Id, family = c.Subject.Family.Name, subject = c.Subject.ToString(), outcome = c.Outcome.Text(), uncorrected = c.Uncorrected.Text(),
            verdict = c.Verdict, flipsWith = c.FlipDistance, fragile = c.Fragile, evidence = c.Evidence,
            tests = c.Tests.Select(t => new
            {
                name = t.Test.Name, both = t.Test.Outcomes.Both, onlyFirst = t.Test.Outcomes.OnlyFirst, onlySecond = t.Test.Outcomes.OnlySecond,
                neither = t.Test.Outcomes.Neither, differencePoints = t.Test.Outcomes.DifferencePoints.Difference,
                ciLow = t.Test.Outcomes.DifferencePoints.Low, ciHigh = t.Test.Outcomes.DifferencePoints.High,
                p = t.Test.P, adjustedP = t.AdjustedP, testable = t.Test.Testable,
            }).ToList(),
        }).ToList() }, new JsonSerializerOptions { WriteIndented = true });
    }
}
