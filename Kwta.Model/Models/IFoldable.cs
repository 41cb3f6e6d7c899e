using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>An architecture that can give its folded form (<see cref="FoldedModel"/>).</summary>
public interface IFoldable
{
    nn.Module<Tensor, Tensor> Folded();
}
