using Kwta.Model.Activations;

namespace Kwta.Model.Families;

/// <summary>Per-image outcomes some cells of a run already have (the full ledger's cells at the run's own sizes), and
/// where they come from: a family run reads these cells instead of attacking.</summary>
public sealed record RecordedOutcomes(string Source, IReadOnlyDictionary<(ActivationSpec Activation, ResultColumn Column), IReadOnlyList<bool>> Cells);
