namespace Kwta.Model.Data;

/// <summary>Locating and reading data files with errors that say which file and what to do.</summary>
public static class DataFiles
{
    public const string WhereToGetThem =
        "Get the official files from https://www.cs.toronto.edu/~kriz/cifar.html (CIFAR-10 binary version) " +
        "and http://yann.lecun.com/exdb/mnist/ (MNIST IDX); see docs/models.md, section Data.";

    /// <summary>The searched subfolders: symbolic links are not followed, so the search never leaves the data folder.</summary>
    static readonly EnumerationOptions Subfolders = new()
    {
        RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint,
    };

    /// <summary>The first of <paramref name="names"/> found in <paramref name="directory"/>, else in its subfolders
    /// (the layouts the official archives unpack to: cifar-10-batches-bin/, mnist/ …).</summary>
    public static string Find(string directory, params string[] names)
    {
        if (!Directory.Exists(directory))
            throw new DataFormatException(directory, $"data directory does not exist. {WhereToGetThem}");
        var direct = names.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
        if (direct is not null) return direct;
        var nested = names.Select(name => Directory.EnumerateFiles(directory, name, Subfolders).Order().FirstOrDefault()).FirstOrDefault(path => path is not null);
        return nested ?? throw new DataFormatException(Path.Combine(directory, names[0]), $"file not found. {WhereToGetThem}");
    }

    public static byte[] ReadAll(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, $"file not found. {WhereToGetThem}");
        return File.ReadAllBytes(path);
    }
}
