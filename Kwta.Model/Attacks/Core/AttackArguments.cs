using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>Checks shared by every attack; each failure is an <see cref="ArgumentException"/> whose
/// ParamName is the offending parameter, so callers (and the CLI) can say which value is wrong.</summary>
public static class AttackArguments
{
    /// <summary>A batch of images (B, ...) in [0, 1] and B int64 labels.</summary>
    public static void ValidateBatch(Tensor x, Tensor y)
    {
        if (x.dim() < 2 || !x.is_floating_point())
            throw new ArgumentException($"expected a floating-point batch (B, ...); got {x.dtype} of shape [{string.Join(", ", x.shape)}].", nameof(x));
        if (y.dim() != 1 || y.dtype != ScalarType.Int64)
            throw new ArgumentException($"expected int64 labels of shape (B); got {y.dtype} of shape [{string.Join(", ", y.shape)}].", nameof(y));
        if (y.shape[0] != x.shape[0])
            throw new ArgumentException($"{y.shape[0]} labels for a batch of {x.shape[0]} images.", nameof(y));
        using var scope = NewDisposeScope();
        if (x.numel() > 0 && !(x.min().item<float>() >= 0 && x.max().item<float>() <= 1))
            throw new ArgumentException("image values must lie in [0, 1] (the attacks clip to that box).", nameof(x));
    }

    /// <summary>Each row's index in the evaluated set: <paramref name="images"/> if it has one per row, by default 0, 1, …
    /// as if the batch were the whole set.</summary>
    public static long[] ImageIndices(long[]? images, Tensor x)
    {
        images ??= PerImageGenerators.Range(0, x.shape[0]);
        return images.Length == x.shape[0]
            ? images
            : throw new ArgumentException($"{images.Length} image indices for a batch of {x.shape[0]} images.", nameof(images));
    }

    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0.");

    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0.");

    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ {minimum}.");
}
