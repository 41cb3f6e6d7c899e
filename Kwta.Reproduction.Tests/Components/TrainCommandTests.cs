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

    [TestCase("--weight-decay", "NaN")]
    [TestCase("--weight-decay", "-1")]
    [TestCase("--momentum", "NaN")]
    [TestCase("--epochs", "0")]
    [TestCase("--batch", "0")]
    [TestCase("--lr", "0")]
    [TestCase("--clip", "0")]
    [TestCase("--schedule", "bogus")]
    [TestCase("--gamma-schedule", "x")]
    [TestCase("--activation", "kwta-2")]
    [TestCase("--arch", "nope")]
    [TestCase("--adversarial", "nope")]
    [TestCase("--train-images", "0")]
    [TestCase("--train-images", "-5")]
    [TestCase("--threads", "0")]
    [TestCase("--threads", "-3")]
    [TestCase("--threads", "100000")]
    [TestCase("--name", "../../escape")]
    [TestCase("--name", "a/b")]
    public void Options_that_cannot_train_are_refused_naming_the_option_before_the_data_is_read(string option, string value)
    {
        ShouldBeOneLineError(CliProcess.Run(Train(NoData, option, value)), $"kwta: {option}");
        Directory.Exists(Path.Combine(scratch, "runs")).Should().BeFalse();
    }

    [TestCase("--schedule", "step:0", "Unknown learning-rate schedule 'step:0': expected 'cosine', 'constant' or 'step:E1,E2,…' (epochs ≥ 1).")]
    [TestCase("--gamma-schedule", "0.2:0.005/2:0.1", "Unknown γ schedule '0.2:0.005/2:0.1': expected START:STEP/EVERY:END with γ in (0, 1] and STEP towards END, e.g. 0.195:-0.005/2:0.1.")]
    public void A_schedule_that_does_not_parse_is_refused_once_with_the_options_name_and_its_syntax(string option, string value, string reason)
    {
        var (exitCode, output) = CliProcess.Run(Train(NoData, option, value));

        exitCode.Should().Be(1, output);
        output.Trim().Should().Be($"kwta: {option}: {reason}");
    }

    [Test]
    public void A_gamma_schedule_that_ends_at_another_gamma_than_the_activation_names_the_activation_to_pass()
    {
        var (exitCode, output) = CliProcess.Run([.. Train(NoData, "--activation", "kwta-0.2"), "--gamma-schedule", "0.195:-0.005/2:0.1"]);

        exitCode.Should().Be(1, output);
        output.Trim().Should().Be("kwta: --gamma-schedule 0.195:-0.005/2:0.1 ends at γ 0.1: pass --activation kwta-0.1.");
    }

    [Test]
    public void An_adversarial_eps_out_of_range_is_refused_naming_the_option() =>
        ShouldBeOneLineError(CliProcess.Run([.. Train(NoData), "--adversarial", "paper-training", "--adversarial-eps", "-1"]), "kwta: --adversarial-eps");

    [Test]
    public void More_training_images_than_the_data_holds_are_refused_rather_than_cut()
    {
        var data = MnistDataFolder.Create(scratch);

        ShouldBeOneLineError(CliProcess.Run(Train(data, "--train-images", "100000000")), "kwta: --train-images 100000000: ");
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
