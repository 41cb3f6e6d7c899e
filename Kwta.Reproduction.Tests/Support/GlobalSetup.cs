using System.Runtime.CompilerServices;
using Kwta.Model.Runtime;
using TorchSharp;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>The numerics every test runs under (<see cref="PinnedNumerics"/>, the same as <c>kwta reproduce</c>'s), the CLI's
/// heap settings (<see cref="NativeHeap.KeepFreedBuffers"/>) and a fixed seed.</summary>
[SetUpFixture]
public sealed class GlobalSetup
{
    /// <summary>Runs when the test assembly loads, before any test code can touch libtorch.</summary>
    [ModuleInitializer]
    internal static void PinNumerics() => PinnedNumerics.Apply();

    /// <summary>As the CLI's start-up does, so tests (and the op timings) run on the heap the commands run on.</summary>
    [ModuleInitializer]
    internal static void KeepFreedBuffers() => NativeHeap.KeepFreedBuffers();

    [OneTimeSetUp]
    public void FixSeed() => torch.manual_seed(0);
}
