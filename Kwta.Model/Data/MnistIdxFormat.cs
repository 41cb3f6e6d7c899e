using System.Buffers.Binary;
using System.IO.Compression;
using Kwta.Model.IO;

namespace Kwta.Model.Data;

/// <summary>
/// MNIST's IDX files (LeCun, Cortes, Burges, http://yann.lecun.com/exdb/mnist/), raw or gzip:
/// big-endian magic 0x00000803 + count, rows, cols for images; 0x00000801 + count for labels.
/// </summary>
public static class MnistIdxFormat
{
    const int ImagesMagic = 0x803;
    const int LabelsMagic = 0x801;
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";
    public const string TrainingImagesFile = "train-images-idx3-ubyte";
    public const string TrainingLabelsFile = "train-labels-idx1-ubyte";

    public static LabeledImages Read(string imagesPath, string labelsPath)
    {
        var pixels = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (pixels.Length != labels.Length * 28 * 28)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Length} labels but {imagesPath} holds {pixels.Length / (28 * 28)} images.");
        int bad = Array.FindIndex(labels, l => l >= LabeledImages.Classes);
        if (bad >= 0) throw new DataFormatException(labelsPath, $"label {labels[bad]} of item {bad} is outside 0–9.");
        return new LabeledImages(DatasetKind.Mnist, imagesPath, pixels, labels);
    }

    public static LabeledImages ReadTestSet(string directory) =>
        Read(FindRawOrGzip(directory, TestImagesFile), FindRawOrGzip(directory, TestLabelsFile));

    public static LabeledImages ReadTrainingSet(string directory) =>
        Read(FindRawOrGzip(directory, TrainingImagesFile), FindRawOrGzip(directory, TrainingLabelsFile));

    static byte[] ReadImages(string path)
    {
        var bytes = Decompressed(path);
        int count = Header(bytes, path, ImagesMagic, headerInts: 4);
        int rows = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        int cols = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        if (rows != 28 || cols != 28) throw new DataFormatException(path, $"images are {rows}×{cols}, expected 28×28.");
        return Body(bytes, path, 16, (long)count * rows * cols);
    }

    static byte[] ReadLabels(string path)
    {
        var bytes = Decompressed(path);
        int count = Header(bytes, path, LabelsMagic, headerInts: 2);
        return Body(bytes, path, 8, count);
    }

    static int Header(byte[] bytes, string path, int magic, int headerInts)
    {
        if (bytes.Length < 4 * headerInts) throw new DataFormatException(path, $"{bytes.Length} bytes is too short for an IDX header.");
        int found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic) throw new DataFormatException(path, $"wrong IDX magic 0x{found:x8}, expected 0x{magic:x8}.");
        return BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
    }

    static byte[] Body(byte[] bytes, string path, int headerBytes, long expected)
    {
        if (bytes.Length - headerBytes != expected)
            throw new DataFormatException(path, $"header promises {expected} data bytes but the file has {bytes.Length - headerBytes} (truncated or corrupt).");
        return bytes[headerBytes..];
    }

    static byte[] Decompressed(string path)
    {
        var bytes = DataFiles.ReadAll(path);
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b) return bytes;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var raw = new MemoryStream();
            gzip.CopyTo(raw);
            return raw.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip stream ({e.Message}).");
        }
    }

    static string FindRawOrGzip(string directory, string name) => DataFiles.Find(directory, name, name + ".gz");

    public static void Write(LabeledImages images, string imagesPath, string labelsPath)
    {
        if (images.Kind != DatasetKind.Mnist) throw new ArgumentException($"{images.Source} is not MNIST.", nameof(images));
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), images.Count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), images.Height);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), images.Width);
        AtomicFile.WriteAllBytes(imagesPath, [.. header, .. images.Pixels]);
        BinaryPrimitives.WriteInt32BigEndian(header, LabelsMagic);
        AtomicFile.WriteAllBytes(labelsPath, [.. header[..8], .. images.Labels]);
    }
}
