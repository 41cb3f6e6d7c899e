using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary><c>kwta train</c>'s input checks (before any data is read), its run-folder lock and its messages.</summary>
public class TrainCommandTests : ScratchDirectoryTest
{
    /// <summary>A one-epoch run on 100 images; <paramref name="option"/>, if given, replaces its default here.</summary>
    string[] Train(string data, string? option = null, string? value = null)
    {
        var options = new Dictionary<string, string>
        {
            ["--name"] = "mlp", ["--arch"] = "mnist-mlp", ["--data"] = data, ["--runs"] = Path.Combine(scratch, "runs"), ["--epochs"] = "1",
            ["--batch"] = "50", ["--lr"] = "0.05", ["--train-images"] = "100", ["--threads"] = "1",
        };
        if (option is not null) options[option] = value!;
        return ["train", .. options.SelectMany(o => new[] { o.Key, o.Value })];
    }

    static void ShouldBeOneLineError((int ExitCode, string Output) run, string contains)
    {
        run.ExitCode.Should().Be(1, run.Output);
        var lines = run.Output.Trim().Split('\n');
        lines.Should().ContainSingle(run.Output);
        lines[0].Should().StartWith("kwta: ").And.Contain(contains);
    }

    string NoData => Path.Combine(scratch, "no-data");

    [TestCase("--weight-decay", "NaN", "weight decay")]
    [TestCase("--weight-decay", "-1", "weight decay")]
    [TestCase("--momentum", "NaN", "momentum")]
    [TestCase("--train-images", "0", "training images")]
    [TestCase("--train-images", "-5", "training images")]
    [TestCase("--threads", "0", "--threads")]
    [TestCase("--threads", "-3", "--threads")]
    [TestCase("--threads", "100000", "--threads")]
    [TestCase("--name", "../../escape", "name")]
    [TestCase("--name", "a/b", "name")]
    public void Options_that_cannot_train_are_refused_before_the_data_is_read(string option, string value, string message)
    {
        ShouldBeOneLineError(CliProcess.Run(Train(NoData, option, value)), message);
        Directory.Exists(Path.Combine(scratch, "runs")).Should().BeFalse();
    }

    [Test]
    public void A_second_train_on_a_run_folder_in_use_fails_with_one_line()
    {
        var data = MnistDataFolder.Create(scratch);
        var run = Path.Combine(scratch, "runs", "mlp");
        Directory.CreateDirectory(run);
        using (new FileStream(Path.Combine(run, ".kwta.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var (refusedCode, refused) = CliProcess.Run(Train(data));
            refusedCode.Should().Be(1, refused);
            refused.Trim().Split('\n')[^1].Should().StartWith("kwta: ").And.Contain($"{run} is in use");
            refused.Should().NotContain("epoch 1/1", "no epoch runs beside the other run");
        }

        var (exitCode, output) = CliProcess.Run(Train(data));
        exitCode.Should().Be(0, "the lock is released with its holder: " + output);
    }

    [Test]
    public void A_resumed_run_says_so()
    {
        var data = MnistDataFolder.Create(scratch);
        var first = CliProcess.Run(Train(data));
        first.ExitCode.Should().Be(0, first.Output);
        first.Output.Should().NotContain("resum");

        var second = CliProcess.Run(Train(data));
        second.ExitCode.Should().Be(0, second.Output);
        second.Output.Should().Contain("resuming").And.Contain("1 of 1 epochs");
    }
}
