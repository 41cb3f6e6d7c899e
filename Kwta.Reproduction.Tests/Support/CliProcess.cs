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

    /// <summary>The failure docs/cli.md promises: <paramref name="exitCode"/> and exactly one line, <c>kwta: …</c>, no stack trace.</summary>
    public static void ShouldBeOneLineError((int ExitCode, string Output) run, int exitCode, string contains)
    {
        run.ExitCode.Should().Be(exitCode, run.Output);
        var lines = run.Output.Trim().Split('\n');
        lines.Should().ContainSingle(run.Output);
        lines[0].Should().StartWith("kwta: ").And.Contain(contains).And.NotContain("System.");
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
