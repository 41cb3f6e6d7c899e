using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.IO;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>
/// Making the attack loop faster must not change what it computes: the paper's seeded PGD on the first fixture
/// images of the shipped resnet18 models gives, bit for bit, the per-image outcomes (expected/seeded-pgd/NAME.csv,
/// as <c>kwta attack --n 8 --batch 8 --output</c> wrote them) and the adversarial images (their sha256) that the
/// attack loop computed before its throughput work (issue 17).
/// </summary>
public class SeededPgdRecordTests
{
    const int Images = 8;

    [TestCase("resnet18-w16-relu", "0d1923eb061f0fc8af790abab5c6f748d780fe3418078a993f802da8c9b313a4")]
    [TestCase("resnet18-w16-kwta-0.2", "c51f2efab2ad22fdea86634789c6ee03657dea4bcab2b68f9111da60dfcf20d9")]
    public void Seeded_PGD_on_a_shipped_model_gives_the_recorded_outcomes_and_adversarial_images(string model, string recordedSha256)
    {
        using var network = ModelFile.LoadShipped(model, RepositoryLayout.Models);
        using var scope = NewDisposeScope();
        var images = TestData.Cifar10.Take(Images);
        var (x, y) = images.Range(0, Images);

        var report = RobustAccuracy.Evaluate(network, PgdPresets.Create("paper"), images, Images);
        var adversarial = PgdPresets.Create("paper").Perturb(network, x, y, PerImageGenerators.Range(0, Images));

        report.ToCsv().Should().Be(File.ReadAllText(Path.Combine(RepositoryLayout.Expected, "seeded-pgd", $"{model}.csv")));
        Sha256Of(adversarial).Should().Be(recordedSha256);
    }

    static string Sha256Of(Tensor images) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(images.data<float>().ToArray().AsSpan())));
}
