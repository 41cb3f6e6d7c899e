using Kwta.Model.IO;

namespace Kwta.Model.Data;

/// <summary>
/// The CIFAR-10 "binary version" (Krizhevsky 2009, https://www.cs.toronto.edu/~kriz/cifar.html):
/// 3073-byte records, a label byte then 1024 R, 1024 G and 1024 B bytes (32×32, row-major).
/// </summary>
public static class Cifar10BinaryFormat
{
    public const int RecordBytes = 1 + ImageBytes;
    public const int ImageBytes = 3 * 32 * 32;
    public static readonly string[] TrainingFiles = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")];
    public const string TestFile = "test_batch.bin";

    public static LabeledImages Read(string path)
    {
        var bytes = DataFiles.ReadAll(path);
        if (bytes.Length == 0 || bytes.Length % RecordBytes != 0)
            throw new DataFormatException(path,
                $"{bytes.Length} bytes is not a whole number of {RecordBytes}-byte CIFAR-10 records (truncated or not a CIFAR-10 binary batch).");
        int count = bytes.Length / RecordBytes;
        var labels = new byte[count];
        var pixels = new byte[count * ImageBytes];
        for (int i = 0; i < count; i++)
        {
            labels[i] = bytes[i * RecordBytes];
            if (labels[i] >= LabeledImages.Classes)
                throw new DataFormatException(path, $"record {i} has label {labels[i]}, outside 0–9.");
            Array.Copy(bytes, i * RecordBytes + 1, pixels, i * ImageBytes, ImageBytes);
        }
        return new LabeledImages(DatasetKind.Cifar10, path, pixels, labels);
    }

    public static LabeledImages ReadTrainingSet(string directory) =>
        TrainingFiles.Select(f => Read(DataFiles.Find(directory, f))).Aggregate((a, b) => a.Concat(b));

    public static LabeledImages ReadTestSet(string directory) => Read(DataFiles.Find(directory, TestFile));

    public static void Write(LabeledImages images, string path)
    {
        if (images.Kind != DatasetKind.Cifar10) throw new ArgumentException($"{images.Source} is not CIFAR-10.", nameof(images));
        var bytes = new byte[images.Count * RecordBytes];
        for (int i = 0; i < images.Count; i++)
        {
            bytes[i * RecordBytes] = images.Labels[i];
            Array.Copy(images.Pixels, i * ImageBytes, bytes, i * RecordBytes + 1, ImageBytes);
        }
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
