namespace Kwta.Model.Data;

/// <summary>The official 10 000-image test set of a data set, read from a folder with the official files (see docs/models.md, section Data).</summary>
public static class OfficialTestSet
{
    public static LabeledImages Read(DatasetKind kind, string dataDirectory) =>
        kind == DatasetKind.Cifar10 ? Cifar10BinaryFormat.ReadTestSet(dataDirectory) : MnistIdxFormat.ReadTestSet(dataDirectory);
}
