using System.Text;
using Kwta.Model.IO;

namespace Kwta.Model.Data;

/// <summary>
/// The small data the tests use: the first 1000 images of the official CIFAR-10 and MNIST test
/// sets, in their original formats, written by <c>kwta fixtures --data DIR</c>.
/// </summary>
public static class Fixtures
{
    public const int ImagesPerSet = 1000;
    public const string Cifar10File = "cifar10-test-first1000.bin";
    public const string MnistImagesFile = "mnist-t10k-first1000-images-idx3-ubyte";
    public const string MnistLabelsFile = "mnist-t10k-first1000-labels-idx1-ubyte";
    public const string ReadmeFile = "README.md";

    public static LabeledImages Cifar10(string fixturesDirectory) =>
        Cifar10BinaryFormat.Read(Existing(fixturesDirectory, Cifar10File));

    public static LabeledImages Mnist(string fixturesDirectory) =>
        MnistIdxFormat.Read(Existing(fixturesDirectory, MnistImagesFile), Existing(fixturesDirectory, MnistLabelsFile));

    /// <summary>A missing fixture is reported as one: the fixtures are written from the official files, not downloaded.</summary>
    static string Existing(string fixturesDirectory, string name)
    {
        var path = Path.Combine(fixturesDirectory, name);
        return File.Exists(path) ? path : throw new DataFormatException(path, "fixture file not found (the fixtures are written from the official test sets; see docs/models.md, section Data).");
    }

    public static LabeledImages Load(DatasetKind kind, string fixturesDirectory) =>
        kind == DatasetKind.Cifar10 ? Cifar10(fixturesDirectory) : Mnist(fixturesDirectory);

    /// <summary>Writes the fixture files and their README (provenance, licence, checksums).</summary>
    public static IReadOnlyList<string> Write(string dataDirectory, string fixturesDirectory)
    {
        // Both sets are read and checked before anything is written.
        var cifar = FirstImages(Cifar10BinaryFormat.ReadTestSet(dataDirectory));
        var mnist = FirstImages(MnistIdxFormat.ReadTestSet(dataDirectory));
        Cifar10BinaryFormat.Write(cifar, Path.Combine(fixturesDirectory, Cifar10File));
        MnistIdxFormat.Write(mnist, Path.Combine(fixturesDirectory, MnistImagesFile), Path.Combine(fixturesDirectory, MnistLabelsFile));
        string[] files = [Cifar10File, MnistImagesFile, MnistLabelsFile];
        AtomicFile.WriteAllText(Path.Combine(fixturesDirectory, ReadmeFile), Readme(fixturesDirectory, files));
        return [.. files.Select(f => Path.Combine(fixturesDirectory, f)), Path.Combine(fixturesDirectory, ReadmeFile)];
    }

    /// <summary>The first <see cref="ImagesPerSet"/> images; a smaller set is not an official test set.</summary>
    static LabeledImages FirstImages(LabeledImages testSet) => testSet.Count >= ImagesPerSet
        ? testSet.Take(ImagesPerSet)
        : throw new DataFormatException(testSet.Source, $"holds only {testSet.Count} images; the fixtures are the official test set's first {ImagesPerSet}.");

    static string Readme(string fixturesDirectory, string[] files)
    {
        var text = new StringBuilder();
        text.AppendLine("# Test fixtures");
        text.AppendLine();
        text.AppendLine("Written by `kwta fixtures --data DIR`; the tests read only these files.");
        text.AppendLine();
        text.AppendLine($"- `{Cifar10File}`: the first {ImagesPerSet} records of the official CIFAR-10 `test_batch.bin`");
        text.AppendLine("  (binary version, 3073-byte records, unchanged bytes). CIFAR-10: Alex Krizhevsky, *Learning Multiple");
        text.AppendLine("  Layers of Features from Tiny Images*, 2009, https://www.cs.toronto.edu/~kriz/cifar.html.");
        text.AppendLine($"- `{MnistImagesFile}` and `{MnistLabelsFile}`: the first {ImagesPerSet} items of the official");
        text.AppendLine("  MNIST `t10k` IDX files, with the IDX header's count set to 1000. MNIST: Yann LeCun, Corinna Cortes,");
        text.AppendLine("  Christopher J.C. Burges, http://yann.lecun.com/exdb/mnist/.");
        text.AppendLine();
        text.AppendLine("Licence note: both data sets are distributed by their authors for research use; MNIST is");
        text.AppendLine("commonly redistributed under CC BY-SA 3.0, CIFAR-10 without a stated licence. These subsets are");
        text.AppendLine("kept small and unmodified so the suite's tests can run without downloading the full sets.");
        text.AppendLine();
        text.AppendLine("| file | bytes | sha256 |");
        text.AppendLine("|---|---|---|");
        foreach (var file in files)
        {
            var path = Path.Combine(fixturesDirectory, file);
            text.AppendLine($"| {file} | {new FileInfo(path).Length} | {Sha256.OfFile(path)} |");
        }
        return text.ToString();
    }
}
