namespace Kwta.Model.Claims;

/// <summary>A claim checked on one family and model: whether it holds here, and the numbers that decide it.</summary>
public sealed record ClaimCheck(Claim Claim, string Family, string Subject, bool Holds, string Evidence)
{
    public string Verdict => Holds ? (Claim.KnownRefutation is null ? "holds" : "refutation confirmed") : "does not hold";

    public string Mark => Holds ? "✅" : "❌";

    public override string ToString() => $"{Claim.Id} {Family} {Subject}: {Verdict}. {Evidence}";
}
