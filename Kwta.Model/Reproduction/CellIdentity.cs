using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.Ledger;
using Kwta.Model.Models;
using Kwta.Model.Persistence;

namespace Kwta.Model.Reproduction;

/// <summary>
/// What a cell's ledger file must carry to be fresh, from files alone: the attack's description (its settings), the
/// images, the model's sha256 in the manifest and the data's sha256; and the largest perturbation its rows may hold.
/// No weights are read: the transfer attack names its source by architecture and by the manifest's sha256.
/// </summary>
public sealed record CellIdentity(LedgerHeader Header, double LinfRadius)
{
    /// <param name="fixturesOnly">The images are the fixtures, which hold only the first of a full-scale cell's images.</param>
    public static CellIdentity Of(PlannedCell planned, LabeledImages images, string modelsDirectory, bool fixturesOnly = false)
    {
        if (images.Count < planned.Table.Images && !fixturesOnly)
            throw new ArgumentException($"{planned.Ledger} needs {planned.Table.Images} images; {images.Source} holds {images.Count}.", nameof(images));
        var manifest = ModelManifest.Load(modelsDirectory);
        var reluName = planned.Table.Family.ModelName(ActivationSpec.Relu);
        var relu = manifest.Get(reluName, modelsDirectory);
        // An untrained module of the source's architecture: the transfer attack's description names its type, and its
        // weights are identified by the manifest's sha256 below.
        var architectureOnly = new List<IDisposable>();
        try
        {
            var attack = planned.Table.Column.Create(planned.Table.Family, LedgerPlan.Settings(planned.Scale), images.ImageBytes, () =>
            {
                var module = ModelRegistry.Create(relu.Architecture, ActivationSpec.Relu);
                architectureOnly.Add(module);
                return module;
            });
            return new CellIdentity(HeaderOf(planned, attack, reluName, relu.Sha256, images, manifest, modelsDirectory), attack.LinfRadius);
        }
        finally
        {
            architectureOnly.ForEach(m => m.Dispose());
        }
    }

    /// <summary>The header a build of the cell with <paramref name="attack"/> writes (the transfer source's weights decide
    /// the outcomes as much as the target's).</summary>
    static LedgerHeader HeaderOf(PlannedCell planned, Attack attack, string reluName, string reluSha256, LabeledImages images,
                               ModelManifest manifest, string modelsDirectory)
    {
        var source = planned.Table.Column == ResultColumn.Transfer ? $"; source {reluName} sha256 {reluSha256}" : "";
        return new LedgerHeader(planned.Ledger.ToString(), attack + source, IndexRanges.Format(planned.Table.ImageIndices),
                                manifest.Get(planned.Table.Model, modelsDirectory).Sha256, LedgerData.Sha256(images), Machine: "", Built: "");
    }
}
