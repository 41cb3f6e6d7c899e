namespace Kwta.Model.Data;

/// <summary>
/// Where the test images come from: the fixtures (each official test set's first 1000 images, in the repository) or
/// a folder with the official files (all 10 000 images). The one place that chooses between the two readers.
/// </summary>
public sealed record DataSource(DataSourceKind Kind, string Directory)
{
    public static DataSource FromFixtures(string fixturesDirectory) => new(DataSourceKind.Fixtures, fixturesDirectory);

    public static DataSource FromOfficialTestSets(string dataDirectory) => new(DataSourceKind.OfficialTestSets, dataDirectory);

    /// <summary>The test images of <paramref name="dataset"/>, in the official order.</summary>
    public LabeledImages Load(DatasetKind dataset) => Kind == DataSourceKind.Fixtures
        ? Fixtures.Load(dataset, Directory)
        : OfficialTestSet.Read(dataset, Directory);
}
