namespace Kwta.Model.Data;

/// <summary>Locating and reading data files with errors that say which file and what to do.</summary>
public static class DataFiles
{
    public const string WhereToGetThem =
        "Get the official files from https://www.cs.toronto.edu/~kriz/cifar.html (CIFAR-10 binary version) " +
        "and http://yann.lecun.com/exdb/mnist/ (MNIST IDX); see README.md, section Data.";

    public static string Find(string directory, string name)
    {
        if (!Directory.Exists(directory))
            throw new DataFormatException(directory, $"data directory does not exist. {WhereToGetThem}");
        var direct = Path.Combine(directory, name);
        if (File.Exists(direct)) return direct;
        // Accept the layouts the official archives unpack to (cifar-10-batches-bin/, mnist/).
        var nested = Directory.EnumerateFiles(directory, name, SearchOption.AllDirectories).FirstOrDefault();
        return nested ?? throw new DataFormatException(direct, $"file not found. {WhereToGetThem}");
    }

    public static byte[] ReadAll(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, $"file not found. {WhereToGetThem}");
        return File.ReadAllBytes(path);
    }
}
