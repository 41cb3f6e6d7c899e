using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>One place chooses between the fixtures and the official files, and each source reads only its own files.</summary>
public class DataSourceTests : ScratchDirectoryTest
{
    [Test]
    public void An_official_folder_and_the_fixtures_give_the_same_first_images_from_their_own_files()
    {
        var official = DataSource.FromOfficialTestSets(MnistDataFolder.Create(scratch)).Load(DatasetKind.Mnist);
        var fixtures = DataSource.FromFixtures(RepositoryLayout.Fixtures).Load(DatasetKind.Mnist);

        official.Source.Should().Contain(MnistIdxFormat.TestImagesFile);
        fixtures.Source.Should().Contain(Fixtures.MnistImagesFile);
        official.Pixels.Should().Equal(fixtures.Pixels);
        official.Labels.Should().Equal(fixtures.Labels);
    }

    [Test]
    public void A_fixtures_source_never_falls_back_to_official_files()
    {
        var act = () => DataSource.FromFixtures(MnistDataFolder.Create(scratch)).Load(DatasetKind.Mnist);

        act.Should().Throw<DataFormatException>().WithMessage($"*{Fixtures.MnistImagesFile}*fixture*");
    }
}
