namespace Kwta.Model.Claims;

/// <summary>A claim checked on one subject (family, model, column): whether it holds here, and the numbers that decide it.</summary>
public sealed record ClaimCheck(Claim Claim, ClaimSubject Subject, bool Holds, string Evidence)
{
    public string Verdict => Holds ? (Claim.KnownRefutation is null ? "holds" : "refutation confirmed") : "does not hold";

    public string Mark => Holds ? "✅" : "❌";

    public override string ToString() => $"{Claim.Id} {Subject.Family.Name} {Subject}: {Verdict}. {Evidence}";
}
