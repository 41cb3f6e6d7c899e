using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Snapshots;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>
/// A fingerprint of every attack the suite uses: each (attack, preset) pair of a result column, and every other attack of the
/// catalogue at its default preset, built by <see cref="AttackCatalog.Create"/> as the ledger builds it, must reproduce on the
/// first fixture images of a few models, bit for bit, its recorded per-image outcomes (<see cref="AttackReport.CsvRow"/>:
/// predictions, ‖δ‖∞, margin) and the sha256 of each adversarial image, in
/// <c>expected/fingerprints/ATTACK.PRESET.MODEL.verified.csv</c>. A change inside an attack's loop (a lost momentum term, a
/// wrong step schedule, a laxer acceptance) leaves its settings, and so the ledger's settings hash, alone, and moves the
/// robust accuracy of a small sample rarely; it moves these images at once.
/// <para>
/// The comparison is exact because the kernels are pinned (<see cref="Kwta.Model.Runtime.PinnedNumerics"/>): under them an
/// attack repeats bit for bit, so any difference is a change of what is computed. A change that is meant to alter the numerics
/// only (a faster convolution path, another libtorch) will still break fingerprints; it must re-verify the ledger
/// (<c>LedgerReverificationTests</c>, with <c>LedgerSlow</c>) to show the results stand, then re-accept the fingerprints
/// after reviewing the received files (<c>KWTA_ACCEPT=1</c>, or <c>kwta snapshots accept --expected expected/fingerprints</c>).
/// </para>
/// </summary>
public class AttackFingerprintTests
{
    /// <summary>The ledger's seed, so each attack is the very object a result column runs.</summary>
    static readonly ReproductionSettings Settings = ReproductionSettings.Default;

    static string Folder => Path.Combine(RepositoryLayout.Expected, "fingerprints");

    // The first images of each set, their number fixed before any fingerprint was recorded.
    static readonly FingerprintSubject KwtaMnist = FingerprintSubject.Shipped(ModelFamily.Mnist, ModelFamily.KwtaGamma01, images: 8);
    static readonly FingerprintSubject Linear = FingerprintSubject.Linear(images: 4);
    static readonly FingerprintSubject KwtaAlexNet = FingerprintSubject.Shipped(ModelFamily.AlexNet, ModelFamily.KwtaGamma01, images: 8);
    static readonly FingerprintSubject ReluResNet18 = FingerprintSubject.Shipped(ModelFamily.ResNet18, ActivationSpec.Relu, images: 8);
    static readonly FingerprintSubject KwtaResNet18 = FingerprintSubject.Shipped(ModelFamily.ResNet18, ModelFamily.KwtaGamma02, images: 8);

    /// <summary>Every result column's (attack, preset) at the default and the full scale (which switches finite differences to
    /// Tramèr's schedule), every attack at its default preset, and the seed's DeepFool, which only its acceptance sets apart.</summary>
    static IEnumerable<(string Attack, string Preset)> Attacks() =>
        new[] { ReproductionSettings.Default, ReproductionSettings.Full }
            .SelectMany(settings => Enum.GetValues<ResultColumn>().Where(c => c != ResultColumn.Clean).Select(c => c.Preset(settings)))
            .Concat(AttackCatalog.Presets.Select(attack => (attack.Key, attack.Value[0])))
            .Append(("deepfool", "seed-foolbox"))
            .Distinct();

    /// <summary>On a CIFAR model, a few columns' attacks cheap enough for the budget (with three channels, ε 0.031, and Square's
    /// windows over colour): about 10 s where all of them would take 45 s.</summary>
    static readonly ResultColumn[] CifarColumns = [ResultColumn.Pgd, ResultColumn.DeepFool, ResultColumn.Transfer, ResultColumn.Bpda,
                                                   ResultColumn.Square];

    static IEnumerable<TestCaseData> Cases() =>
        Attacks().SelectMany(a => new[] { KwtaMnist, Linear }.Select(subject => Case(a.Attack, a.Preset, subject)))
            .Concat(CifarColumns.Select(column => column.Preset(Settings)).Select(a => Case(a.Attack, a.Preset, KwtaAlexNet)))
            .Concat(new[] { ReluResNet18, KwtaResNet18 }.Select(subject => Case(Pgd.Attack, Pgd.Preset, subject)));

    static (string Attack, string Preset) Pgd => ResultColumn.Pgd.Preset(Settings);

    /// <summary>Tramèr's finite differences take 30–40 s on the MNIST CNN's eight images, most of the class's 60 s budget, so that
    /// one case runs with the ledger's slow cells (<c>LedgerSlow</c>, which .ci/run runs after the default run); the linear
    /// model's keeps the schedule in the default run.</summary>
    static TestCaseData Case(string attack, string preset, FingerprintSubject subject)
    {
        var data = new TestCaseData(attack, preset, subject);
        return (attack, preset) == ("fd-pgd", "tramer") && subject == KwtaMnist
            ? data.SetCategory("LedgerSlow").Explicit("30–40 s, too costly for the default run; .ci/run runs it")
            : data;
    }

    [TestCaseSource(nameof(Cases))]
    public void A_seeded_attack_reproduces_its_recorded_outcomes_and_adversarial_images_bit_for_bit(string attack, string preset,
                                                                                                    FingerprintSubject subject)
    {
        using var model = subject.Load();
        using var transferSource = subject.LoadTransferSource();
        var images = subject.Images(model);
        var options = new AttackOptions(Seed: Settings.Seed, ValuesPerImage: images.ImageBytes, TransferSource: () => transferSource,
                                        Threat: subject.Threat);
        var recording = RecordingAttack.Around(AttackCatalog.Create(attack, preset, options));

        var report = RobustAccuracy.Evaluate(model, recording, images, batchSize: images.Count);

        recording.ImageSha256.Should().HaveCount(report.Outcomes.Count, "one adversarial image per outcome");
        MarkdownSnapshot.Verify($"{attack}.{preset}.{subject.Name}", Fingerprint(report, recording.ImageSha256), MarkdownSnapshot.Exact,
                                Folder, "csv");
    }

    /// <summary>The report's CSV with each outcome's adversarial image's sha256 as a last column.</summary>
    static string Fingerprint(AttackReport report, IReadOnlyList<string> imageSha256) =>
        $"{AttackReport.CsvColumns},adversarial_sha256\n"
        + string.Concat(report.Outcomes.Zip(imageSha256, (outcome, sha256) => $"{AttackReport.CsvRow(outcome)},{sha256}\n"));
}
