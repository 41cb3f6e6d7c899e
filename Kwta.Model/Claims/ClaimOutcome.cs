namespace Kwta.Model.Claims;

/// <summary>
/// What a claim check found: the claim holds, does not hold, or its own declared rule says the data could not have
/// decided it (<see cref="ClaimTolerances.MinimumDiscordantPairs"/>), so neither verdict is given.
/// </summary>
public enum ClaimOutcome { Holds, DoesNotHold, NotTestable }

public static class ClaimOutcomes
{
    /// <summary>The outcome's words in the verdict snapshot and the report.</summary>
    public static string Text(this ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Holds => "holds",
        ClaimOutcome.DoesNotHold => "does not hold",
        _ => "not testable",
    };

    /// <summary>The outcome's mark in the README's table.</summary>
    public static string Mark(this ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Holds => "✅",
        ClaimOutcome.DoesNotHold => "❌",
        _ => "➖",
    };

    public static ClaimOutcome Parse(string text) =>
        Enum.GetValues<ClaimOutcome>().Cast<ClaimOutcome?>().FirstOrDefault(o => o!.Value.Text() == text)
        ?? throw new FormatException($"'{text}' is no outcome ({string.Join(", ", Enum.GetValues<ClaimOutcome>().Select(Text))}).");
}
