namespace Kwta.Model.Claims;

/// <summary>
/// A claim checked on one subject (family, model, column): its outcome, the numbers that decide it, its paired tests
/// with their Holm-adjusted p, how many images would flip it (<see cref="FlipDistance"/>; null for a timing), and the
/// outcome the raw p-values would have given (<see cref="Uncorrected"/>).
/// </summary>
public sealed record ClaimCheck(Claim Claim, ClaimSubject Subject, ClaimOutcome Outcome, string Evidence,
                                IReadOnlyList<(PairedTest Test, double AdjustedP)> Tests, int? FlipDistance, ClaimOutcome Uncorrected)
{
    public bool Holds => Outcome == ClaimOutcome.Holds;

    /// <summary>One or two images decide the verdict (<see cref="ClaimTolerances.FragileImages"/>).</summary>
    public bool Fragile => Outcome != ClaimOutcome.NotTestable && FlipDistance <= ClaimTolerances.FragileImages;

    public string Verdict => Holds && Claim.KnownRefutation is not null ? "refutation confirmed" : Outcome.Text();

    public override string ToString() =>
        $"{Claim.Id} {Subject.Family.Name} {Subject}: {Verdict}{(Uncorrected != Outcome ? $" ({Uncorrected.Text()} on raw p)" : "")}; flips with {FlipDistance?.ToString() ?? "–"} images. {Evidence}";
}
