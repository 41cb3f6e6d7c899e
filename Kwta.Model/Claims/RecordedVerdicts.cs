using System.Text;
using Kwta.Model.IO;
using Kwta.Model.Reproduction;

namespace Kwta.Model.Claims;

/// <summary>One reviewed verdict: a claim checked on a subject, and whether it held.</summary>
public sealed record RecordedVerdict(Claim Claim, ClaimSubject Subject, bool Holds)
{
    public bool IsRefutation => !Holds;

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
    const string HoldsText = "holds", FailsText = "does not hold";

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
            if (cells.Length != 4 || cells[3] is not (HoldsText or FailsText))
                throw new FormatException($"{source}, line {number}: expected | claim | family | subject | {HoldsText} or {FailsText} |.");
            try
            {
                var claim = ClaimsCatalogue.All.SingleOrDefault(c => c.Id == cells[0]) ?? throw new FormatException($"no claim {cells[0]} in the catalogue.");
                rows.Add(new RecordedVerdict(claim, ClaimSubject.Parse(ModelFamily.Get(cells[1]), cells[2]), cells[3] == HoldsText));
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
        var text = new StringBuilder("# Verdicts\n\nEvery claim check of the default run on the fixtures (read from the ledger where its cells are committed, else run at the default sizes) and whether it held; the evidence is in the report of `kwta reproduce`. Reviewed like any snapshot.\n\n");
        text.Append(Header).Append("\n|---|---|---|---|\n");
        foreach (var c in checks) text.Append($"| {c.Claim.Id} | {c.Subject.Family.Name} | {c.Subject} | {(c.Holds ? HoldsText : FailsText)} |\n");
        return text.ToString();
    }

    /// <summary>The README's results table: one row per claim, one column per family (every family, so one whose claims
    /// are not decided yet shows so), ✅ or ❌ per recorded check.</summary>
    public string RenderSummary()
    {
        var families = ModelFamily.All;
        var text = new StringBuilder("| claim | ").AppendJoin(" | ", families.Select(f => f.Name)).Append(" |\n|---|")
            .Append(string.Concat(families.Select(_ => "---|"))).Append('\n');
        foreach (var claim in ClaimsCatalogue.All.Where(c => Rows.Any(r => r.Claim == c)))
        {
            text.Append($"| {claim.Id} {claim.Statement} |");
            foreach (var family in families)
            {
                var checks = Rows.Where(r => r.Claim == claim && r.Subject.Family == family).Select(r => $"{(r.Holds ? "✅" : "❌")} {r.Subject}").ToList();
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
