using Kwta.Model.Ledger;

namespace Kwta.Model.Reproduction;

/// <summary>One cell of a family's table in the ledger: a model (the family's <see cref="Activation"/> model) under
/// one column's attack on the first <see cref="Images"/> images of the scale's data, of which every test run
/// recomputes <see cref="VerificationSample"/>.</summary>
public sealed record PlannedCell(ModelFamily Family, string Activation, ResultColumn Column, LedgerScale Scale, int Images, int VerificationSample)
{
    public string Model => Family.ModelName(Activation);

    public LedgerCell Cell => new(Scale, Model, Column.Slug());

    public IReadOnlyList<int> ImageIndices => [.. Enumerable.Range(0, Images)];

    public override string ToString() => Cell.ToString();
}
