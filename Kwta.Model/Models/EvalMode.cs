using TorchSharp;

namespace Kwta.Model.Models;

/// <summary>Puts a model in eval mode until disposed, then back in training mode if it was training.</summary>
public sealed class EvalMode : IDisposable
{
    readonly torch.nn.Module model;
    readonly bool wasTraining;

    public EvalMode(torch.nn.Module model)
    {
        this.model = model;
        wasTraining = model.training;
        model.eval();
    }

    public void Dispose()
    {
        if (wasTraining) model.train();
    }
}
