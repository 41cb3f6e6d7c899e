namespace Kwta.Model.Data;

/// <summary>
/// The standard CIFAR training augmentation used by the paper and the reproduction:
/// random 32×32 crop of the image zero-padded by 4 pixels, then a random horizontal flip.
/// Seeded, so an epoch's batches are reproducible.
/// </summary>
public sealed class Augmentation(int seed, int padding = 4, bool horizontalFlip = true)
{
    readonly Random random = new(seed);

    public void Apply(ReadOnlySpan<byte> source, Span<float> target, int channels, int height, int width)
    {
        int dy = random.Next(2 * padding + 1) - padding;
        int dx = random.Next(2 * padding + 1) - padding;
        bool flip = horizontalFlip && random.Next(2) == 1;
        for (int c = 0; c < channels; c++)
        for (int y = 0; y < height; y++)
        {
            int sy = y + dy;
            for (int x = 0; x < width; x++)
            {
                int sx = (flip ? width - 1 - x : x) + dx;
                bool inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                target[(c * height + y) * width + x] = inside ? source[(c * height + sy) * width + sx] / 255f : 0f;
            }
        }
    }
}
