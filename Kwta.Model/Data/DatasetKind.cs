namespace Kwta.Model.Data;

public enum DatasetKind { Cifar10, Mnist }

public static class DatasetKindExtensions
{
    /// <summary>(channels, height, width) of one image.</summary>
    public static long[] ImageShape(this DatasetKind kind) => kind switch
    {
        DatasetKind.Cifar10 => [3, 32, 32],
        DatasetKind.Mnist => [1, 28, 28],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown data set."),
    };

    public static string Id(this DatasetKind kind) => kind == DatasetKind.Cifar10 ? "cifar10" : "mnist";
}
