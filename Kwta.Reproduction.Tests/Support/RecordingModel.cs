using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>Wraps a model and records what each forward pass saw: batch size and train/eval mode.</summary>
public sealed class RecordingModel : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> inner;
    readonly List<(long Batch, bool Training)> calls = [];

    public RecordingModel(nn.Module<Tensor, Tensor> inner) : base(nameof(RecordingModel))
    {
        this.inner = inner;
        // Registered, so parameters(), train() and eval() reach the wrapped model.
        RegisterComponents();
    }

    public IReadOnlyList<(long Batch, bool Training)> Calls => calls;

    public override Tensor forward(Tensor x)
    {
        calls.Add((x.shape[0], training));
        return inner.forward(x);
    }
}
