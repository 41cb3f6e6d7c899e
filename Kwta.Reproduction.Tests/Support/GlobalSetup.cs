using TorchSharp;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>Fixed thread count and seed for every test: results must not depend on the machine's core count.</summary>
[SetUpFixture]
public sealed class GlobalSetup
{
    public const int Threads = 2;

    [OneTimeSetUp]
    public void FixThreads()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(0);
    }
}
