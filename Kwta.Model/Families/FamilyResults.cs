using Kwta.Model.Activations;
using Kwta.Model.Evaluation;

namespace Kwta.Model.Families;

/// <summary>Every measured outcome of one family: per model (activation) and column, per image (or
/// per (image, target) pair for VGA), in the same order for every model so they can be paired.</summary>
public sealed class FamilyResults(ModelFamily family, ReproductionSettings settings)
{
    readonly Dictionary<(ActivationSpec Activation, ResultColumn Column), bool[]> robust = [];
    readonly Dictionary<(ActivationSpec Activation, ResultColumn Column), string> provenance = [];

    /// <summary>Where a cell's outcomes come from when nothing else is said: an attack run in this process.</summary>
    public const string ComputedHere = "computed in this process";

    public ModelFamily Family { get; } = family;
    public ReproductionSettings Settings { get; } = settings;
    public Dictionary<ActivationSpec, double> ManifestCleanAccuracy { get; } = [];

    /// <summary>Epoch-1 test accuracy (full test set) of k-WTA 0.2 fine-tuned from ReLU and from random init, from the shipped training logs.</summary>
    public (double FromRelu, double FromRandom)? EpochOneTestAccuracy { get; set; }
    public TimeSpan Elapsed { get; set; }

    /// <summary>Per model and image, whether the input gradient of the loss at the clean image is silent (all zero or not
    /// finite); measured with the gradient-masking attacks (<see cref="InputGradientSilence"/>), for C9.</summary>
    public Dictionary<ActivationSpec, bool[]> SilentGradients { get; } = [];

    /// <summary>Where the outcomes come from: a run in this process, or the ledger (scale and folder).</summary>
    public string Source { get; init; } = "";

    /// <summary>Every attack outcome was read from ledger files, none computed here, so its numbers repeat exactly on any CPU
    /// (the silent-gradient shares are measured here, but a gradient exactly zero or not finite does not round).</summary>
    public bool ReadFromLedger { get; set; }

    /// <param name="source">Where the outcomes come from: <see cref="ComputedHere"/>, or the ledger file they were read from.</param>
    public void Add(ActivationSpec activation, ResultColumn column, IReadOnlyList<bool> outcomes, string source = ComputedHere)
    {
        robust[(activation, column)] = [.. outcomes];
        provenance[(activation, column)] = source;
    }

    /// <summary>Where the cell's outcomes come from (see <see cref="Add(ActivationSpec, ResultColumn, IReadOnlyList{bool}, string)"/>).</summary>
    public string Provenance(ActivationSpec activation, ResultColumn column) =>
        provenance.TryGetValue((activation, column), out var source) ? source
        : throw new KeyNotFoundException($"{Family.ModelName(activation)} has no {column.Header()} result.");

    public void Add(ActivationSpec activation, ResultColumn column, AttackReport report) =>
        Add(activation, column, report.Outcomes.Select(o => o.Robust).ToArray());

    public bool Has(ActivationSpec activation, ResultColumn column) => robust.ContainsKey((activation, column));

    /// <summary>Per-image outcome: correctly classified (clean) or still correct after the attack.</summary>
    public IReadOnlyList<bool> Outcomes(ActivationSpec activation, ResultColumn column) =>
        robust.TryGetValue((activation, column), out var o) ? o
        : throw new KeyNotFoundException($"{Family.ModelName(activation)} has no {column.Header()} result.");

    public int Successes(ActivationSpec activation, ResultColumn column) => Outcomes(activation, column).Count(r => r);

    public int Trials(ActivationSpec activation, ResultColumn column) => Outcomes(activation, column).Count;

    /// <summary>Accuracy in percent.</summary>
    public double Percent(ActivationSpec activation, ResultColumn column) => 100.0 * Successes(activation, column) / Trials(activation, column);
}
