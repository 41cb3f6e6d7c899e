using Kwta.Model.Claims;
using Kwta.Model.Families;

namespace Kwta.Model.Reproduction;

/// <summary>A family the run could not decide, and why (<see cref="ReproductionRun.WhyUndecided"/>).</summary>
public sealed record UndecidedFamily(ModelFamily Family, string Reason)
{
    public override string ToString() => $"{Family.Name}: {Reason}";
}

/// <summary>
/// Everything one <see cref="ReproductionRun.Execute"/> produced, what <c>kwta reproduce</c> writes and the claim tests
/// assert: each decided family's results (each cell with its provenance: a ledger file or this process), the families
/// it could not decide with the reason, C6's training experiment where MNIST ran, the figures' data where measured, and
/// every claim check, decided on all of them together (Holm's correction spans the run).
/// </summary>
public sealed record ReproductionResult(
    ReproductionSettings Settings,
    IReadOnlyList<FamilyResults> Families,
    IReadOnlyList<UndecidedFamily> Undecided,
    FineTuneOutcomes? ReluInitialisation,
    FigureData? Figures,
    IReadOnlyList<ClaimCheck> Checks,
    TimeSpan Elapsed)
{
    public FamilyResults Family(string name) =>
        Families.FirstOrDefault(f => f.Family.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"{name} was not decided in this run" +
                                          (Undecided.FirstOrDefault(u => u.Family.Name == name) is { } why ? $": {why.Reason}." : "."));
}
