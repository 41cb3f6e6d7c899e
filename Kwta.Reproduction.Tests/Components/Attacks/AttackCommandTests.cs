using System.Globalization;
using System.Text.RegularExpressions;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary><c>kwta attack</c> end to end, in its own process, on an untrained seeded model.</summary>
public class AttackCommandTests : ScratchDirectoryTest
{
    static double Percent(string output, string label)
    {
        var match = Regex.Match(output, $@"^{label}: ([0-9.]+) ?%", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"the output reports '{label}':\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Test]
    public void PGD_on_an_untrained_MNIST_CNN_uses_MNISTs_threat_model_prints_both_accuracies_and_writes_the_per_sample_csv()
    {
        var csv = Path.Combine(scratch, "pgd.csv");
        var (exitCode, output) = CliProcess.Run("attack", "--model", "mnist-cnn:relu", "--attack", "pgd", "--n", "16",
                                                "--batch", "8", "--seed", "3", "--output", csv);

        exitCode.Should().Be(0, output);
        output.Should().Contain("PGD-L∞ ε=0.3 step=0.01 steps=40").And.Contain("16/16 images");
        var clean = Percent(output, "clean accuracy");
        var robust = Percent(output, "robust accuracy");
        robust.Should().BeLessThanOrEqualTo(clean);
        var rows = File.ReadAllLines(csv);
        rows.Should().HaveCount(17);
        rows[0].Should().Be("index,label,target,clean_prediction,adversarial_prediction,linf_norm,margin");
        var fields = rows.Skip(1).Select(r => r.Split(',')).ToList();
        fields.Select(f => int.Parse(f[0], CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(0, 16));
        fields.Should().OnlyContain(f => double.Parse(f[5], CultureInfo.InvariantCulture) <= 0.3 + 1e-6);
        (100.0 * fields.Count(f => f[1] == f[3]) / 16).Should().BeApproximately(clean, 0.01);
        (100.0 * fields.Count(f => f[1] == f[4]) / 16).Should().BeApproximately(robust, 0.01);
    }

    [Test]
    public void VGA_reports_robust_and_target_reached_over_image_target_pairs()
    {
        var (exitCode, output) = CliProcess.Run("attack", "--model", "mnist-cnn:relu", "--attack", "vga", "--n", "1");
        exitCode.Should().Be(0, output);
        output.Should().Contain("(image, target) pairs").And.Contain("target reached:").And.Contain("lr=0.7217");
    }

    [Test]
    public void AutoAttack_reports_which_member_broke_the_images_and_no_more_robust_than_clean()
    {
        var (exitCode, output) = CliProcess.Run("attack", "--model", "mnist-cnn:relu", "--attack", "autoattack", "--preset", "fast",
                                                "--n", "8", "--eps", "0.3", "--seed", "2");

        exitCode.Should().Be(0, output);
        output.Should().Contain("AutoAttack ensemble (standard version without FAB-T): APGD-CE").And.Contain("→ Square-L∞ ε=0.3 queries=500");
        var counts = Regex.Match(output, @"^broken first by: apgd-ce (\d+), apgd-t (\d+), square (\d+) images$", RegexOptions.Multiline);
        counts.Success.Should().BeTrue(output);
        int broken = Enumerable.Range(1, 3).Sum(g => int.Parse(counts.Groups[g].Value, CultureInfo.InvariantCulture));
        (Percent(output, "clean accuracy") - Percent(output, "robust accuracy")).Should().BeApproximately(100.0 * broken / 8, 0.01,
            "every clean-correct image the ensemble broke is counted once");
    }

    [Test]
    public void Unknown_attack_or_preset_gives_one_line_naming_the_option_and_listing_the_known_ones()
    {
        var (exitCode, output) = CliProcess.Run("attack", "--model", "mnist-cnn:relu", "--attack", "cw");
        exitCode.Should().Be(1);
        output.Trim().Should().Be("kwta: --attack: Unknown attack 'cw'. Known: fgsm, pgd, deepfool, vga, transfer, bpda, fd-pgd, apgd-ce, apgd-dlr, apgd-t, square, autoattack, pgd-follow-up.");

        (exitCode, output) = CliProcess.Run("attack", "--model", "mnist-cnn:relu", "--attack", "pgd", "--preset", "madry");
        exitCode.Should().Be(1);
        output.Trim().Should().Be("kwta: --preset: Unknown pgd preset 'madry'. Known: paper, paper-code, seed-foolbox, paper-training, fgsm-rs, strong, sweep, unbounded.");
    }
}
