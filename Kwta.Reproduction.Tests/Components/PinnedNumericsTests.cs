using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>Every machine computes with the same kernels: oneDNN's convolutions run AVX2 code under <c>kwta</c>,
/// whatever the CPU offers, unless the user chose another instruction set on purpose.</summary>
public class PinnedNumericsTests
{
    static string OneDnnIsa(params (string Name, string Value)[] environment)
    {
        var start = CliProcess.StartInfo("attack", "--model", "mnist-cnn-relu", "--attack", "fgsm", "--n", "2");
        start.Environment["ONEDNN_VERBOSE"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var (exitCode, output) = CliProcess.Run(start);
        exitCode.Should().Be(0, output);
        return output.Split('\n').Single(l => l.StartsWith("onednn_verbose,v1,info,cpu,isa:", StringComparison.Ordinal));
    }

    [Test]
    public void Kwta_attack_runs_oneDNN_with_AVX2_kernels() =>
        OneDnnIsa().Should().EndWith("isa:Intel AVX2");

    [Test]
    public void A_variable_the_user_set_is_left_as_it_is() =>
        OneDnnIsa(("ONEDNN_MAX_CPU_ISA", "SSE41")).Should().Contain("SSE4.1");
}
