using System.Runtime.InteropServices;

namespace Kwta.Model.Runtime;

/// <summary>
/// The one place that fixes what changes the suite's numbers between machines: libtorch's own kernels
/// (ATen), oneDNN (convolutions) and MKL (matrix products) each choose an instruction set by CPU, and
/// AVX-512 and AVX2 kernels round differently, which flips a few adversarial outcomes. Every x86-64 CI
/// runner has AVX2, so all three are limited to it, MKL in its conditional-reproducibility mode; and
/// libtorch runs <see cref="Threads"/> threads, since a reduction split over more threads adds in another order.
/// OpenMP's threads sleep instead of spinning while they wait (OMP_WAIT_POLICY, read once when libgomp loads):
/// that changes no number, but with other busy processes on the cores a spinning thread holds a core its partner
/// needs, and PGD ran 3–4× slower (docs/attacks.md, "Throughput").
/// Must run before libtorch's first operation (the libraries read these variables once). A variable the
/// user has already set is left as it is, so a run can be repeated under other settings on purpose;
/// <see cref="Describe"/> says what was in force.
/// </summary>
public static partial class PinnedNumerics
{
    public const int Threads = 2;

    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["ATEN_CPU_CAPABILITY"] = "avx2",
        ["ONEDNN_MAX_CPU_ISA"] = "AVX2",
        ["MKL_ENABLE_INSTRUCTIONS"] = "AVX2",
        ["MKL_CBWR"] = "AVX2,STRICT",
        ["OMP_WAIT_POLICY"] = "PASSIVE",
    };

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeVariable(string name, string value, int overwrite);

    /// <summary>Sets every variable the user did not set, in the native environment libtorch reads, and the thread count.</summary>
    public static void Apply()
    {
        foreach (var (name, value) in Variables)
        {
            if (Environment.GetEnvironmentVariable(name) is not null) continue;
            // .NET's SetEnvironmentVariable does not reach the C environment on Unix; libtorch reads that one.
            if (OperatingSystem.IsLinux()) SetNativeVariable(name, value, overwrite: 0);
            Environment.SetEnvironmentVariable(name, value);
        }
        TorchSharp.torch.set_num_threads(Threads);
    }

    /// <summary>The CPU's model name (from /proc/cpuinfo) and whether it has AVX-512: what the pinned numbers may still depend on.</summary>
    public static string Cpu()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        var lines = File.ReadLines(cpuInfo).ToList();
        var model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        bool avx512 = lines.Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Contains(" avx512f", StringComparison.Ordinal));
        return $"{model} ({(avx512 ? "AVX-512" : "no AVX-512")})";
    }

    /// <summary>Whether every variable has its pinned value now (none overridden by the user).</summary>
    public static bool InForce() => Variables.All(v => Environment.GetEnvironmentVariable(v.Key) == v.Value);

    /// <summary>The CPU and the settings in force: what a measured number may depend on besides code and inputs.</summary>
    public static string Machine() => $"{Cpu()}; {Describe()}";

    /// <summary>"ATEN_CPU_CAPABILITY=avx2 …, 2 threads": the settings in force, for reports and logs.</summary>
    public static string Describe() =>
        string.Join(" ", Variables.Keys.Select(k => $"{k}={Environment.GetEnvironmentVariable(k) ?? "(unset)"}"))
        + $", {TorchSharp.torch.get_num_threads()} threads";
}
