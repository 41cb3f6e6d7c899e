using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>A cell's model with its weights and its attack, for building or re-verifying its file: the family's ReLU
/// model is loaded too where it is the target or the transfer attack's source. Both run in form <see cref="ForwardPath"/>.</summary>
sealed class CellAttack : IDisposable
{
    readonly nn.Module<Tensor, Tensor>? own;
    readonly nn.Module<Tensor, Tensor>? relu;

    public nn.Module<Tensor, Tensor> Model => own ?? relu!;
    public Attack Attack { get; }

    public CellAttack(PlannedCell planned, LabeledImages images, string modelsDirectory, ForwardPath path)
    {
        var table = planned.Table;
        bool needsRelu = table.Activation == ActivationSpec.Relu || table.Column == ResultColumn.Transfer;
        relu = needsRelu ? Load(table.Family.ModelName(ActivationSpec.Relu), modelsDirectory, path) : null;
        own = table.Activation == ActivationSpec.Relu ? null : Load(table.Model, modelsDirectory, path);
        Attack = table.Column.Create(table.Family, LedgerPlan.Settings(planned.Scale), images.ImageBytes, () => relu!);
    }

    static nn.Module<Tensor, Tensor> Load(string name, string modelsDirectory, ForwardPath path) =>
        ForwardPaths.Prepare(ModelFile.LoadShipped(name, modelsDirectory), path);

    public void Dispose()
    {
        own?.Dispose();
        relu?.Dispose();
    }
}
