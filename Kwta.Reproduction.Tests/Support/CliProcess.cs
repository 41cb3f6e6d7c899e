using System.Diagnostics;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>Runs the <c>kwta</c> command (built next to the tests) in its own process.</summary>
public static class CliProcess
{
    public static (int ExitCode, string Output) Run(params string[] arguments) => Run(StartInfo(arguments));

    /// <summary>Runs a prepared start, e.g. one with extra environment variables.</summary>
    public static (int ExitCode, string Output) Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kwta.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }
}
