using Kwta.Model.Data;
using Kwta.Model.IO;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>An MNIST-format data folder (official file names) whose training and test sets are the MNIST fixtures,
/// for running <c>kwta train</c> without the full data set.</summary>
public static class MnistDataFolder
{
    public static string Create(string parent)
    {
        var data = Path.Combine(parent, "data");
        Directory.CreateDirectory(data);
        foreach (var (fixture, name) in new[]
                 {
                     (Fixtures.MnistImagesFile, MnistIdxFormat.TrainingImagesFile), (Fixtures.MnistLabelsFile, MnistIdxFormat.TrainingLabelsFile),
                     (Fixtures.MnistImagesFile, MnistIdxFormat.TestImagesFile), (Fixtures.MnistLabelsFile, MnistIdxFormat.TestLabelsFile),
                 })
            File.Copy(Path.Combine(RepositoryLayout.Fixtures, fixture), Path.Combine(data, name));
        return data;
    }
}
