using Kwta.Model.Runtime;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>
/// The result-table comparison accepts what another CPU changes and still catches a real change: one attack
/// cell computed with the pinned AVX2 kernels and with unpinned AVX-512 ones (where the CPU has them) agrees,
/// the same cell with another PGD step does not.
/// </summary>
public class CrossMachineToleranceTests : ScratchDirectoryTest
{
    const int Images = 100;

    static readonly (string, string)[] Unpinned =
        [("ATEN_CPU_CAPABILITY", "avx512"), ("ONEDNN_MAX_CPU_ISA", "ALL"), ("MKL_ENABLE_INSTRUCTIONS", "AVX512"), ("MKL_CBWR", "AUTO")];

    string Cell(string preset, params (string Name, string Value)[] environment)
    {
        var csv = Path.Combine(scratch, $"{preset}-{environment.Length}.csv");
        var start = CliProcess.StartInfo("attack", "--model", "alexnet-cifar-kwta-0.1", "--attack", "pgd", "--preset", preset,
                                         "--n", $"{Images}", "--batch", "50", "--output", csv);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var (exitCode, output) = CliProcess.Run(start);
        exitCode.Should().Be(0, output);
        int robust = File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).Count(f => f[1] == f[3] && f[1] == f[4]);
        return FormattableString.Invariant($"| model | PGD |\n|---|---|\n| k-WTA 0.1 | {100.0 * robust / Images:F1} |\n| images | {Images} |\n");
    }

    [Test]
    public void Another_instruction_set_is_within_tolerance_and_another_PGD_step_is_not()
    {
        var pinned = Cell("seed-foolbox");
        var unpinned = Cell("seed-foolbox", Unpinned);
        var otherStep = Cell("paper");
        TestContext.Out.WriteLine($"{PinnedNumerics.Describe()}\npinned:\n{pinned}unpinned AVX-512:\n{unpinned}paper step:\n{otherStep}");

        ResultTableComparison.Differences(pinned, unpinned).Should().BeEmpty();
        ResultTableComparison.Differences(pinned, otherStep).Should().NotBeEmpty();
    }
}
