using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// Transfer attack: <see cref="Inner"/> crafts the adversarial images on <see cref="Source"/> (e.g. the
/// ReLU twin of a k-WTA model, whose gradients are not obfuscated); the attacked model is only evaluated
/// on them, never differentiated. The crafted images depend on the batch and its images' indices alone, not on the attacked
/// model, so they are kept per batch: one instance reused for several target models crafts each batch once.
/// </summary>
public sealed class TransferAttack(nn.Module<Tensor, Tensor> source, Attack inner) : Attack
{
    readonly Dictionary<string, (float[] Values, long[] Shape)> crafted = [];

    public nn.Module<Tensor, Tensor> Source { get; } = source;
    public Attack Inner { get; } = inner;

    public override string Name => "transfer";

    public override double LinfRadius => Inner.LinfRadius;

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images)
    {
        var key = BatchKey(x, y, images);
        if (!crafted.TryGetValue(key, out var adversarial))
        {
            var made = Inner.Perturb(Source, x, y, images);
            adversarial = (made.data<float>().ToArray(), made.shape);
            crafted[key] = adversarial;
        }
        return tensor(adversarial.Values, adversarial.Shape);
    }

    static string BatchKey(Tensor x, Tensor y, long[] images)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(x.contiguous().data<float>().ToArray().AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(y.contiguous().data<long>().ToArray().AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(images.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public override string ToString() => $"transfer from {Source.GetName()} of {Inner}";
}
