using System.Reflection;
using TorchSharp;

namespace Kwta.Model.Runtime;

/// <summary>The two versions a result depends on, each under its own name: torch.__version__ is libtorch's, not
/// TorchSharp's, whose version is its assembly's.</summary>
public static class TorchVersions
{
    public static string TorchSharp { get; } =
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static string Libtorch => torch.__version__;

    /// <summary>"TorchSharp 0.107.0 (libtorch 2.10.0.0)".</summary>
    public static string Describe() => $"TorchSharp {TorchSharp} (libtorch {Libtorch})";
}
