
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The build weakens libLibTorchSharp.so's GLIBCXX_3.4.32 requirement (build/WeakenGlibcxxRequirement.cs);
/// this proves a fresh process can load it and compute, on this machine's libstdc++.</summary>
public class TorchSharpLoadingTests
{
    [Test]
    public void A_fresh_process_loads_TorchSharp_and_runs_a_conv_forward_and_backward()
    {
        var (exitCode, output) = CliProcess.Run("selftest");
        exitCode.Should().Be(0, output);
        output.Should().Contain("ok: conv backward gradient norm");
    }
}
