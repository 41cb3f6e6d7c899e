using Kwta.Model.Activations;
using Kwta.Model.Claims;
using Kwta.Model.Families;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>A claim subject is data; its text is what the verdict snapshot holds, and reads back as the same subject.</summary>
public class ClaimSubjectTests
{
    static IEnumerable<TestCaseData> Subjects()
    {
        ClaimSubject[] subjects =
        [
            ClaimSubject.Model(ModelFamily.ResNet18, ModelFamily.KwtaGamma02),
            ClaimSubject.Model(ModelFamily.AlexNet, ModelFamily.KwtaGamma01, ResultColumn.Pgd),
            ClaimSubject.Model(ModelFamily.Mnist, ActivationSpec.Relu, ResultColumn.PgdSeedFoolbox),
            ClaimSubject.Comparison(ModelFamily.ResNet18, ModelFamily.KwtaGamma01, ModelFamily.KwtaGamma02, ResultColumn.Pgd),
            ClaimSubject.TrainingLogs(ModelFamily.AlexNet, ModelFamily.KwtaGamma02),
            ClaimSubject.FineTuneEpoch(ModelFamily.Mnist, ModelFamily.KwtaGamma02, 800),
            ClaimSubject.Benchmark(ModelFamily.ResNet18, 32),
        ];
        return subjects.Select(s => new TestCaseData(s).SetName($"{s.Family.Name}, {s}"));
    }

    [TestCaseSource(nameof(Subjects))]
    public void A_subject_reads_back_from_its_text(ClaimSubject subject) =>
        ClaimSubject.Parse(subject.Family, subject.ToString()).Should().Be(subject);

    [Test]
    public void The_snapshot_texts_name_the_model_and_column()
    {
        ClaimSubject.Model(ModelFamily.ResNet18, ModelFamily.KwtaGamma02, ResultColumn.DeepFool).ToString().Should().Be("k-WTA 0.2 DeepFool");
        ClaimSubject.Comparison(ModelFamily.ResNet18, ModelFamily.KwtaGamma01, ModelFamily.KwtaGamma02, ResultColumn.Pgd).ToString()
            .Should().Be("k-WTA 0.1 vs 0.2 PGD");
        ClaimSubject.TrainingLogs(ModelFamily.Mnist, ModelFamily.KwtaGamma02).ToString().Should().Be("training logs, k-WTA 0.2 epoch 1");
    }

    [TestCase("k-WTA 0.3 PGD")]
    [TestCase("k-WTA 0.2 C&W")]
    [TestCase("")]
    public void A_text_no_check_makes_is_refused(string text) =>
        FluentActions.Invoking(() => ClaimSubject.Parse(ModelFamily.Mnist, text)).Should().Throw<FormatException>().WithMessage($"*'{text}'*mnist-cnn*");

    [Test]
    public void A_verdict_row_of_an_unknown_family_is_refused_with_its_line() =>
        FluentActions.Invoking(() => RecordedVerdicts.Parse("| claim | family | subject | verdict |\n| C2 | vgg | k-WTA 0.1 PGD | holds |\n", "Verdicts.md"))
            .Should().Throw<FormatException>().WithMessage("Verdicts.md, line 2:*vgg*");
}
