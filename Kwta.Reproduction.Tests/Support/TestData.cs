using Kwta.Model.Data;
using Kwta.Model.IO;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>The repository's fixtures and models, loaded once per test run. Tests read nothing else.</summary>
public static class TestData
{
    static readonly Lazy<LabeledImages> cifar = new(() => Fixtures.Cifar10(RepositoryLayout.Fixtures));
    static readonly Lazy<LabeledImages> mnist = new(() => Fixtures.Mnist(RepositoryLayout.Fixtures));

    public static LabeledImages Cifar10 => cifar.Value;
    public static LabeledImages Mnist => mnist.Value;

    public static LabeledImages Of(DatasetKind kind) => kind == DatasetKind.Cifar10 ? Cifar10 : Mnist;

    /// <summary>A fresh scratch folder under the test output, removed by the caller's TearDown if wanted.</summary>
    public static string ScratchDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "kwta-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
