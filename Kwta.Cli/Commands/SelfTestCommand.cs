using System.CommandLine;
using Kwta.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta selftest</c>: proves the native TorchSharp library loads and computes
/// (a conv forward and backward), in a process of its own.</summary>
static class SelfTestCommand
{
    public static Command Create()
    {
        var command = new Command("selftest", "Check that TorchSharp's native library loads and runs a conv forward/backward.");
        command.SetAction(_ =>
        {
            torch.manual_seed(0);
            using var scope = NewDisposeScope();
            var x = randn(2, 3, 8, 8, requires_grad: true);
            using var conv = nn.Conv2d(3, 4, 3);
            conv.forward(x).square().sum().backward();
            var gradNorm = x.grad!.norm().item<float>();
            Console.WriteLine($"{TorchVersions.Describe()} ok: conv backward gradient norm {gradNorm:F4}");
            return gradNorm > 0 ? 0 : 1;
        });
        return command;
    }
}
