using System.IO.Compression;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The fixtures are the official test sets' first 1000 images; malformed files are rejected by name.</summary>
public class DataReaderTests : ScratchDirectoryTest
{

    [Test]
    public void CIFAR10_fixture_holds_the_first_1000_test_images_in_official_order()
    {
        var set = TestData.Cifar10;
        set.Count.Should().Be(1000);
        set.Labels[..5].Should().Equal(3, 8, 8, 0, 6);
        set.Kind.Should().Be(DatasetKind.Cifar10);
    }

    [Test]
    public void MNIST_fixture_holds_the_first_1000_test_images_in_official_order()
    {
        var set = TestData.Mnist;
        set.Count.Should().Be(1000);
        set.Labels[..5].Should().Equal(7, 2, 1, 0, 4);
    }

    [Test]
    public void Batches_are_floats_in_unit_range_without_normalisation()
    {
        var (images, labels) = TestData.Cifar10.Range(0, 8);
        using (images) using (labels)
        {
            images.shape.Should().Equal(8, 3, 32, 32);
            images.min().item<float>().Should().BeGreaterThanOrEqualTo(0);
            images.max().item<float>().Should().BeLessThanOrEqualTo(1).And.BeGreaterThan(0.9f);
            images[0, 0, 0, 0].item<float>().Should().Be(TestData.Cifar10.Pixels[0] / 255f);
        }
    }

    [Test]
    public void Augmentation_is_seeded_and_shifts_or_flips_the_image()
    {
        int[] indices = [0, 1, 2, 3];
        var (a, _) = TestData.Cifar10.Batch(indices, new Augmentation(seed: 5));
        var (b, _) = TestData.Cifar10.Batch(indices, new Augmentation(seed: 5));
        var (plain, _) = TestData.Cifar10.Batch(indices);
        a.SameAs(b).Should().BeTrue();
        a.SameAs(plain).Should().BeFalse();
    }

    [Test]
    public void A_gzipped_MNIST_file_reads_the_same_as_the_raw_one()
    {
        var raw = Path.Combine(RepositoryFixtures, Fixtures.MnistImagesFile);
        var gz = Path.Combine(scratch, "images.gz");
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            output.Write(File.ReadAllBytes(raw));
        var fromGzip = MnistIdxFormat.Read(gz, Path.Combine(RepositoryFixtures, Fixtures.MnistLabelsFile));
        fromGzip.Pixels.Should().Equal(TestData.Mnist.Pixels);
    }

    [Test]
    public void Truncated_CIFAR_file_is_rejected_naming_the_file()
    {
        var path = Write("truncated.bin", File.ReadAllBytes(CifarFixture)[..5000]);
        var act = () => Cifar10BinaryFormat.Read(path);
        act.Should().Throw<DataFormatException>().WithMessage($"{path}*not a whole number*");
    }

    [Test]
    public void CIFAR_label_out_of_range_is_rejected_naming_the_record()
    {
        var bytes = File.ReadAllBytes(CifarFixture)[..(2 * Cifar10BinaryFormat.RecordBytes)];
        bytes[Cifar10BinaryFormat.RecordBytes] = 10;
        var path = Write("badlabel.bin", bytes);
        var act = () => Cifar10BinaryFormat.Read(path);
        act.Should().Throw<DataFormatException>().WithMessage($"{path}*record 1 has label 10*");
    }

    [Test]
    public void MNIST_wrong_magic_is_rejected_naming_the_file()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryFixtures, Fixtures.MnistImagesFile));
        bytes[3] = 0x01;
        var path = Write("wrongmagic", bytes);
        var act = () => MnistIdxFormat.Read(path, Path.Combine(RepositoryFixtures, Fixtures.MnistLabelsFile));
        act.Should().Throw<DataFormatException>().WithMessage($"{path}*wrong IDX magic*");
    }

    [Test]
    public void MNIST_truncated_images_are_rejected_naming_the_file()
    {
        var path = Write("truncated-images", File.ReadAllBytes(Path.Combine(RepositoryFixtures, Fixtures.MnistImagesFile))[..10_000]);
        var act = () => MnistIdxFormat.Read(path, Path.Combine(RepositoryFixtures, Fixtures.MnistLabelsFile));
        act.Should().Throw<DataFormatException>().WithMessage($"{path}*truncated*");
    }

    [Test]
    public void MNIST_label_out_of_range_is_rejected_naming_the_file()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryFixtures, Fixtures.MnistLabelsFile));
        bytes[8 + 7] = 12;
        var path = Write("badlabels", bytes);
        var act = () => MnistIdxFormat.Read(Path.Combine(RepositoryFixtures, Fixtures.MnistImagesFile), path);
        act.Should().Throw<DataFormatException>().WithMessage($"{path}*label 12 of item 7*");
    }

    [Test]
    public void Missing_data_file_says_where_to_get_the_official_files()
    {
        var act = () => Cifar10BinaryFormat.ReadTestSet(scratch);
        act.Should().Throw<DataFormatException>().WithMessage("*test_batch.bin*file not found*cs.toronto.edu*");
    }

    [Test]
    public void Raw_MNIST_files_in_a_nested_folder_are_found()
    {
        var nested = Path.Combine(scratch, "mnist", "raw");
        Directory.CreateDirectory(nested);
        File.Copy(Path.Combine(RepositoryFixtures, Fixtures.MnistImagesFile), Path.Combine(nested, MnistIdxFormat.TestImagesFile));
        File.Copy(Path.Combine(RepositoryFixtures, Fixtures.MnistLabelsFile), Path.Combine(nested, MnistIdxFormat.TestLabelsFile));

        MnistIdxFormat.ReadTestSet(scratch).Labels.Should().Equal(TestData.Mnist.Labels);
    }

    [Test]
    public void The_data_search_does_not_follow_a_symlink_out_of_the_data_folder()
    {
        var elsewhere = Path.Combine(scratch, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.Copy(CifarFixture, Path.Combine(elsewhere, Cifar10BinaryFormat.TestFile));
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        Directory.CreateSymbolicLink(Path.Combine(data, "link"), elsewhere);

        var act = () => Cifar10BinaryFormat.ReadTestSet(data);

        act.Should().Throw<DataFormatException>().WithMessage("*test_batch.bin*not found*");
    }

    [Test]
    public void Fixtures_are_not_written_from_a_test_set_smaller_than_the_fixtures()
    {
        var data = Path.Combine(scratch, "data");
        Cifar10BinaryFormat.Write(TestData.Cifar10.Take(10), Path.Combine(data, Cifar10BinaryFormat.TestFile));
        MnistIdxFormat.Write(TestData.Mnist.Take(10), Path.Combine(data, MnistIdxFormat.TestImagesFile), Path.Combine(data, MnistIdxFormat.TestLabelsFile));
        var output = Path.Combine(scratch, "fixtures");

        var act = () => Fixtures.Write(data, output);

        act.Should().Throw<DataFormatException>().WithMessage($"*{Cifar10BinaryFormat.TestFile}*10 images*1000*");
        Directory.Exists(output).Should().BeFalse("nothing is written");
    }

    [Test]
    public void Missing_fixtures_are_reported_as_fixtures_not_as_missing_official_files()
    {
        var act = () => Fixtures.Load(DatasetKind.Cifar10, scratch);
        act.Should().Throw<DataFormatException>().WithMessage($"*{Fixtures.Cifar10File}*fixture*").Which.Message.Should().NotContain("cs.toronto.edu");
    }

    static string RepositoryFixtures => Kwta.Model.IO.RepositoryLayout.Fixtures;
    static string CifarFixture => Path.Combine(RepositoryFixtures, Fixtures.Cifar10File);

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(scratch, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
