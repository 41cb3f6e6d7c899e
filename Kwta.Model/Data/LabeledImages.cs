using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Data;

/// <summary>
/// Images as raw bytes (N·C·H·W, channel-planar like both file formats) with labels 0–9.
/// Bytes keep the 50 000 CIFAR images at 150 MB; batches become float tensors in [0, 1]
/// with no mean/std normalisation (the paper uses none).
/// </summary>
public sealed class LabeledImages
{
    public const int Classes = 10;

    public DatasetKind Kind { get; }
    public string Source { get; }
    public byte[] Pixels { get; }
    public byte[] Labels { get; }
    public int Count => Labels.Length;
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public int ImageBytes => Channels * Height * Width;

    public LabeledImages(DatasetKind kind, string source, byte[] pixels, byte[] labels)
    {
        var shape = kind.ImageShape();
        (Channels, Height, Width) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        if (pixels.Length != labels.Length * ImageBytes)
            throw new ArgumentException($"{source}: {pixels.Length} pixel bytes do not hold {labels.Length} images of {ImageBytes} bytes.");
        int bad = Array.FindIndex(labels, l => l >= Classes);
        if (bad >= 0) throw new DataFormatException(source, $"label {labels[bad]} of image {bad} is outside 0–9.");
        Kind = kind;
        Source = source;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The first <paramref name="count"/> images (all if fewer).</summary>
    public LabeledImages Take(int count) => Slice(0, count);

    /// <summary>Images [start, start + count), cut at the end of the set.</summary>
    public LabeledImages Slice(int start, int count)
    {
        if (start < 0 || start > Count) throw new ArgumentOutOfRangeException(nameof(start), start, $"must lie in 0..{Count}.");
        int end = Math.Min(Count, start + Math.Max(0, count));
        return new LabeledImages(Kind, $"{Source}[{start}..{end})", Pixels[(start * ImageBytes)..(end * ImageBytes)], Labels[start..end]);
    }

    public LabeledImages Concat(LabeledImages other)
    {
        if (other.Kind != Kind) throw new ArgumentException($"Cannot join {Kind} and {other.Kind} images.", nameof(other));
        return new LabeledImages(Kind, $"{Source}+{other.Source}", [.. Pixels, .. other.Pixels], [.. Labels, .. other.Labels]);
    }

    /// <summary>Float images (B, C, H, W) in [0, 1] and int64 labels (B) for the given indices.</summary>
    public (Tensor Images, Tensor Labels) Batch(ReadOnlySpan<int> indices, Augmentation? augmentation = null)
    {
        var images = new float[indices.Length * ImageBytes];
        var labels = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            var source = Pixels.AsSpan(indices[i] * ImageBytes, ImageBytes);
            var target = images.AsSpan(i * ImageBytes, ImageBytes);
            if (augmentation is null) ToUnitFloats(source, target);
            else augmentation.Apply(source, target, Channels, Height, Width);
            labels[i] = Labels[indices[i]];
        }
        return (torch.tensor(images, [indices.Length, Channels, Height, Width]), torch.tensor(labels));
    }

    /// <summary>Images [start, start+count) without augmentation.</summary>
    public (Tensor Images, Tensor Labels) Range(int start, int count)
    {
        var indices = Enumerable.Range(start, Math.Min(count, Count - start)).ToArray();
        return Batch(indices);
    }

    public static void ToUnitFloats(ReadOnlySpan<byte> source, Span<float> target)
    {
        for (int j = 0; j < source.Length; j++) target[j] = source[j] / 255f;
    }
}
