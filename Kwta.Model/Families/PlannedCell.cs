using Kwta.Model.Activations;
using Kwta.Model.Ledger;

namespace Kwta.Model.Families;

/// <summary>A table cell as the ledger keeps it: its file at <see cref="Scale"/> (<see cref="Ledger"/>), and the
/// images of it that every test run recomputes (<see cref="Verification"/>).</summary>
public sealed record PlannedCell(TableCell Table, LedgerScale Scale)
{
    public LedgerCell Ledger => new(Scale, Table.Model, Table.Column.Slug());

    /// <summary>The shipped models the cell loads: its own and its family's ReLU model (the transfer source).</summary>
    public IReadOnlyList<string> Models => [.. new[] { Table.Model, Table.Family.ModelName(ActivationSpec.Relu) }.Distinct()];

    public VerificationStrata Verification => LedgerPlan.Verification(Table.Column);

    public override string ToString() => Ledger.ToString();
}
