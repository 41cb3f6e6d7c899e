using System.Runtime.CompilerServices;
using Kwta.Model.Runtime;
using TorchSharp;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>The numerics every test runs under (<see cref="PinnedNumerics"/>, the same as <c>kwta reproduce</c>'s) and a fixed seed.</summary>
[SetUpFixture]
public sealed class GlobalSetup
{
    /// <summary>Runs when the test assembly loads, before any test code can touch libtorch.</summary>
    [ModuleInitializer]
    internal static void PinNumerics() => PinnedNumerics.Apply();

    [OneTimeSetUp]
    public void FixSeed() => torch.manual_seed(0);
}
