using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>A cell's model with its weights and its attack, for building or re-verifying its file: the family's ReLU
/// model is loaded too where it is the target or the transfer attack's source.</summary>
sealed class CellAttack : IDisposable
{
    readonly nn.Module<Tensor, Tensor>? own;
    readonly nn.Module<Tensor, Tensor>? relu;

    public nn.Module<Tensor, Tensor> Model => own ?? relu!;
    public Attack Attack { get; }

    public CellAttack(PlannedCell planned, LabeledImages images, string modelsDirectory)
    {
        var table = planned.Table;
        bool needsRelu = table.Activation == ActivationSpec.Relu || table.Column == ResultColumn.Transfer;
        relu = needsRelu ? ModelFile.LoadShipped(table.Family.ModelName(ActivationSpec.Relu), modelsDirectory) : null;
        own = table.Activation == ActivationSpec.Relu ? null : ModelFile.LoadShipped(table.Model, modelsDirectory);
        Attack = table.Column.Create(table.Family, LedgerPlan.Settings(planned.Scale), images.ImageBytes, () => relu!);
    }

    public void Dispose()
    {
        own?.Dispose();
        relu?.Dispose();
    }
}
