using System.Diagnostics;
using Kwta.Model.IO;
using Kwta.Model.Training;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>
/// A recipe reruns bit for bit in separate processes, killed and resumed or not: nothing in the run may
/// depend on per-process state such as .NET's randomised <see cref="HashCode"/>.
/// </summary>
[NonParallelizable]
public class TrainingReproducibilityTests : ScratchDirectoryTest
{
    const int Epochs = 6;

    string[] TrainArguments(string data, string runs) =>
        ["train", "--name", "mlp", "--arch", "mnist-mlp", "--data", data, "--runs", runs, "--epochs", $"{Epochs}",
         "--batch", "32", "--lr", "0.05", "--threads", "1"];

    static string Weights(string runs) => Sha256.OfFile(Path.Combine(Checkpoint.PathIn(Path.Combine(runs, "mlp")), "model.dat"));

    [Test]
    public void Two_processes_train_the_same_recipe_to_the_same_weights()
    {
        var data = MnistDataFolder.Create(scratch);
        var first = CliProcess.Run(TrainArguments(data, Path.Combine(scratch, "runsA")));
        var second = CliProcess.Run(TrainArguments(data, Path.Combine(scratch, "runsB")));

        first.ExitCode.Should().Be(0, first.Output);
        second.ExitCode.Should().Be(0, second.Output);
        Weights(Path.Combine(scratch, "runsB")).Should().Be(Weights(Path.Combine(scratch, "runsA")));
    }

    [Test]
    public void A_process_killed_mid_run_and_resumed_in_another_ends_with_the_uninterrupted_weights()
    {
        var data = MnistDataFolder.Create(scratch);
        var uninterrupted = CliProcess.Run(TrainArguments(data, Path.Combine(scratch, "whole")));
        uninterrupted.ExitCode.Should().Be(0, uninterrupted.Output);

        var runs = Path.Combine(scratch, "killed");
        int epochsBeforeKill = KillAfterFirstCheckpoint(TrainArguments(data, runs), Path.Combine(runs, "mlp"));
        epochsBeforeKill.Should().BeInRange(1, Epochs - 1, "the kill must land inside the run for the test to mean anything");
        var resumed = CliProcess.Run(TrainArguments(data, runs));

        resumed.ExitCode.Should().Be(0, resumed.Output);
        Weights(runs).Should().Be(Weights(Path.Combine(scratch, "whole")));
    }

    /// <summary>Starts kwta, kills it as soon as its first checkpoint exists, and returns the epochs checkpointed by then.</summary>
    static int KillAfterFirstCheckpoint(string[] arguments, string runDirectory)
    {
        using var process = Process.Start(CliProcess.StartInfo(arguments))!;
        process.BeginOutputReadLine(); // drain the pipes, so the child never blocks on a full one
        process.BeginErrorReadLine();
        var log = Trainer.LogPath(runDirectory);
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(log) && !process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(5);
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return File.Exists(log) ? File.ReadAllLines(log).Length - 1 : 0;
    }
}
