using System.Text;
using Kwta.Model.Families;
using Kwta.Model.IO;

namespace Kwta.Model.Claims;

/// <summary>One reviewed verdict: a claim checked on a subject, its outcome, and whether one or two images decide it.</summary>
public sealed record RecordedVerdict(Claim Claim, ClaimSubject Subject, ClaimOutcome Outcome, bool Fragile = false)
{
    public bool IsRefutation => Outcome == ClaimOutcome.DoesNotHold;

    public bool Matches(ClaimCheck check) => check.Claim == Claim && check.Subject == Subject;
}

/// <summary>
/// The reviewed verdicts of every claim check, <c>expected/Verdicts.verified.md</c>: a table generated from the
/// checks and accepted by a person like any snapshot. A change of verdict is a diff of this file to review, and
/// the claim tests assert each check against its recorded verdict, so a refuted claim stays visible in every run.
/// </summary>
public sealed class RecordedVerdicts(IReadOnlyList<RecordedVerdict> rows)
{
    public const string SnapshotName = "Verdicts";
    const string Header = "| claim | family | subject | verdict |";
    const string FragileText = " (fragile)";

    public IReadOnlyList<RecordedVerdict> Rows { get; } = rows;

    public RecordedVerdict? Of(ClaimCheck check) => Rows.FirstOrDefault(r => r.Matches(check));

    /// <summary>The verified file in <paramref name="expectedDirectory"/>; none recorded if it does not exist.</summary>
    public static RecordedVerdicts Load(string expectedDirectory)
    {
        var path = SnapshotFiles.Verified(expectedDirectory, SnapshotName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : new RecordedVerdicts([]);
    }

    public static RecordedVerdicts Parse(string markdown, string source)
    {
        var rows = new List<RecordedVerdict>();
        foreach (var (line, number) in markdown.ReplaceLineEndings("\n").Split('\n').Select((l, i) => (l, i + 1)))
        {
            if (!line.StartsWith("| C", StringComparison.Ordinal)) continue;
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 4)
                throw new FormatException($"{source}, line {number}: expected | claim | family | subject | verdict |.");
            try
            {
                var claim = ClaimsCatalogue.All.SingleOrDefault(c => c.Id == cells[0]) ?? throw new FormatException($"no claim {cells[0]} in the catalogue.");
                bool fragile = cells[3].EndsWith(FragileText, StringComparison.Ordinal);
                var outcome = ClaimOutcomes.Parse(fragile ? cells[3][..^FragileText.Length] : cells[3]);
                rows.Add(new RecordedVerdict(claim, ClaimSubject.Parse(ModelFamily.Get(cells[1]), cells[2]), outcome, fragile));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new FormatException($"{source}, line {number}: {e.Message}", e);
            }
        }
        return new RecordedVerdicts(rows);
    }

    /// <summary>The snapshot text for <paramref name="checks"/>, in their order.</summary>
    public static string Render(IEnumerable<ClaimCheck> checks)
    {
        var text = new StringBuilder("# Verdicts\n\nEvery claim check of the default run on the fixtures (read from the ledger where its cells are committed, else run at the default sizes) and its outcome: holds, does not hold, or not testable (its claim's rule says the data could not decide it), decided on Holm-adjusted p; \"fragile\" when one or two images would flip it. The evidence is in the report of `kwta reproduce`. Reviewed like any snapshot.\n\n");
        text.Append(Header).Append("\n|---|---|---|---|\n");
        foreach (var c in checks) text.Append($"| {c.Claim.Id} | {c.Subject.Family.Name} | {c.Subject} | {c.Outcome.Text()}{(c.Fragile ? FragileText : "")} |\n");
        return text.ToString();
    }

    /// <summary>The README's results table: its legend, then one row per claim, one column per family (every family, so one
    /// whose claims are not decided yet shows so), the outcome's mark per recorded check and ⚠ where it is fragile.</summary>
    public string RenderSummary()
    {
        var families = ModelFamily.All;
        var text = new StringBuilder(FormattableString.Invariant(
            $"{ClaimOutcome.Holds.Mark()} holds, {ClaimOutcome.DoesNotHold.Mark()} does not hold, {ClaimOutcome.NotTestable.Mark()} not testable (fewer than {ClaimTolerances.MinimumDiscordantPairs} images could favour the claim), ⚠ {ClaimTolerances.FragileImages} images or fewer flip it; p Holm-adjusted per claim.\n\n"));
        text.Append("| claim | ").AppendJoin(" | ", families.Select(f => f.Name)).Append(" |\n|---|")
            .Append(string.Concat(families.Select(_ => "---|"))).Append('\n');
        foreach (var claim in ClaimsCatalogue.All.Where(c => Rows.Any(r => r.Claim == c)))
        {
            text.Append($"| {claim.Id} {claim.Statement} |");
            foreach (var family in families)
            {
                var checks = Rows.Where(r => r.Claim == claim && r.Subject.Family == family).Select(r => $"{r.Outcome.Mark()} {r.Subject}{(r.Fragile ? " ⚠" : "")}").ToList();
                // C6 needs a k-WTA 0.2 model trained from random init beside the shipped one; any other claim without a
                // check is not decided yet (C9, or a ledger-only family, before the ledger is built).
                var missing = claim == ClaimsCatalogue.ReluInitialisation && !family.HasRandomInitRecord
                    ? "not run (no random-init twin of its own)" : "not decided";
                text.Append(' ').Append(checks.Count == 0 ? missing : string.Join("<br>", checks)).Append(" |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
