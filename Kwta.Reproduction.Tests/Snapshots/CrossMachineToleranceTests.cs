using System.Globalization;
using Kwta.Model.Evaluation;
using Kwta.Model.Ledger;
using Kwta.Model.Runtime;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// The cross-CPU allowances accept what another CPU changes and still catch a real change: one attack cell computed
/// with the pinned AVX2 kernels and with unpinned AVX-512 ones (where the CPU has them) agrees, both as a result table
/// and image by image with margins as re-verification compares them; the same cell with another PGD step does not.
/// </summary>
public class CrossMachineToleranceTests : ScratchDirectoryTest
{
    const int Images = 100;

    static readonly (string, string)[] Unpinned =
        [("ATEN_CPU_CAPABILITY", "avx512"), ("ONEDNN_MAX_CPU_ISA", "ALL"), ("MKL_ENABLE_INSTRUCTIONS", "AVX512"), ("MKL_CBWR", "AUTO")];

    IReadOnlyList<AttackOutcome> Cell(string preset, params (string Name, string Value)[] environment)
    {
        var csv = Path.Combine(scratch, $"{preset}-{environment.Length}.csv");
        var start = CliProcess.StartInfo("attack", "--model", "alexnet-cifar-kwta-0.1", "--attack", "pgd", "--preset", preset,
                                         "--n", $"{Images}", "--batch", "50", "--output", csv);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var (exitCode, output) = CliProcess.Run(start);
        exitCode.Should().Be(0, output);
        return [.. File.ReadLines(csv).Skip(1).Select(Parse)];
    }

    static AttackOutcome Parse(string row)
    {
        var f = row.Split(',');
        int Int(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
        double Real(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return new AttackOutcome(Int(0), Int(1), null, Int(3), Int(4), Real(5), Real(6));
    }

    static string Table(IReadOnlyList<AttackOutcome> outcomes) =>
        FormattableString.Invariant($"| model | PGD |\n|---|---|\n| k-WTA 0.1 | {100.0 * outcomes.Count(o => o.Robust) / Images:F1} |\n| images | {Images} |\n");

    [Test]
    public void Another_instruction_set_is_within_tolerance_and_another_PGD_step_is_not()
    {
        var pinned = Cell("seed-foolbox");
        var unpinned = Cell("seed-foolbox", Unpinned);
        var otherStep = Cell("paper");
        var sample = pinned.Select(o => new SampledImage(o.Index, Stratum.Random)).ToList();
        var acrossCpus = LedgerVerification.Compare("pinned vs AVX-512", pinned, unpinned, sample, VerificationRule.AcrossCpus);
        var acrossSteps = LedgerVerification.Compare("seed-foolbox vs paper step", pinned, otherStep, sample, VerificationRule.AcrossCpus);
        TestContext.Out.WriteLine($"{PinnedNumerics.Describe()}\npinned:\n{Table(pinned)}unpinned AVX-512:\n{Table(unpinned)}paper step:\n{Table(otherStep)}{acrossCpus}\n{acrossSteps}");

        ResultTableComparison.Differences(Table(pinned), Table(unpinned)).Should().BeEmpty();
        acrossCpus.Agrees.Should().BeTrue(acrossCpus.ToString());
        ResultTableComparison.Differences(Table(pinned), Table(otherStep)).Should().NotBeEmpty();
        acrossSteps.ConfidentFlips.Should().NotBeEmpty(acrossSteps.ToString());
    }
}
