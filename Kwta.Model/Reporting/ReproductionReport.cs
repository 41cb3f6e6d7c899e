using System.Globalization;
using System.Text;
using System.Text.Json;
using Kwta.Model.Claims;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
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

    public static void Write(string directory, ReproductionResult result, RecordedVerdicts recorded)
    {
        // A report of no family checks no claim, yet its badge would read "0/0" in green.
        if (result.Families.Count == 0) throw new ArgumentException("no family was run, so there is no report to write.", nameof(result));
        var staging = ReportFolder.Stage(directory);
        var figuresMarkdown = result.Figures is null ? null : ReportFigures.Draw(staging, result.Families, result.Figures);
        File.WriteAllText(Path.Combine(staging, ReportFile), Markdown(result, recorded, figuresMarkdown));
        File.WriteAllText(Path.Combine(staging, ResultsFile), ResultsJson.Of(result.Families, result.Checks));
        ReportBadges.Write(Path.Combine(staging, BadgesFolder), result.Checks);
        ReportFolder.MoveIntoPlace(staging, directory);
    }

    static string Markdown(ReproductionResult result, RecordedVerdicts recorded, string? extraMarkdown)
    {
        var (families, checks, settings, elapsed) = (result.Families, result.Checks, result.Settings, result.Elapsed);
        var text = new StringBuilder("# k-WTA reproduction report\n\n");
        text.Append(FormattableString.Invariant(
            $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `kwta reproduce` in {elapsed:hh\\:mm\\:ss} on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}), {Runtime.TorchVersions.Describe()}; numerics: {Runtime.PinnedNumerics.Describe()}.\n\n"));
        text.Append(FormattableString.Invariant(
            $"Outcomes: {string.Join("; ", families.Select(f => $"{f.Family.Name} from {f.Source}"))} (each table gives n per column).\n\n"));
        text.Append(FormattableString.Invariant(
            $"Settings of a family run in this process: clean accuracy on {settings.CleanImages} images; PGD, seed-foolbox PGD, transfer and BPDA on {settings.PgdImages}; DeepFool on {settings.DeepFoolImages}; VGA on {settings.VgaImages} images × 9 targets; finite-difference PGD ({(settings.TramerFiniteDifference ? "Tramèr et al.'s schedule" : "fast schedule")}) on {settings.FiniteDifferenceImages}; seed {settings.Seed}.\n\n"));
        if (result.Undecided.Count > 0)
            text.Append($"Not decided: {string.Join("; ", result.Undecided)}.\n\n");

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
}
