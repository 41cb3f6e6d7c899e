using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using static Kwta.Reproduction.Tests.Support.CliProcess;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>
/// What <c>kwta</c> promises (docs/cli.md), checked in a child process: exit code 0 on success, 1 with one line
/// <c>kwta: …</c> on a user or input error, 2 on a usage error; outputs checked before the work starts.
/// </summary>
public class CliContractTests : ScratchDirectoryTest
{
    static (int, string) Attack(params string[] more) =>
        CliProcess.Run(["attack", "--model", "mnist-mlp:relu", "--attack", "fgsm", .. more]);

    [Test]
    public void Attack_output_that_is_a_folder_is_refused_before_the_attack_runs()
    {
        var folder = Path.Combine(scratch, "existing");
        Directory.CreateDirectory(folder);
        ShouldBeOneLineError(Attack("--n", "4", "--output", folder), 1, folder);
    }

    [Test]
    public void Export_to_a_path_under_a_file_is_refused_with_one_line()
    {
        var file = Path.Combine(scratch, "afile");
        File.WriteAllText(file, "x");
        ShouldBeOneLineError(CliProcess.Run("export", "--model", "mnist-cnn-relu", "--output", Path.Combine(file, "m.safetensors")), 1, file);
    }

    [Test]
    public void Export_with_an_unknown_format_creates_nothing()
    {
        var output = Path.Combine(scratch, "new", "m.pt");
        var run = CliProcess.Run("export", "--model", "mnist-cnn-relu", "--format", "bogus", "--output", output);
        ShouldBeOneLineError(run, 2, "bogus");
        Directory.Exists(Path.Combine(scratch, "new")).Should().BeFalse();
    }

    [TestCase("0")]
    [TestCase("-5")]
    public void Attack_n_below_1_is_refused(string n) => ShouldBeOneLineError(Attack("--n", n), 1, "--n");

    [Test]
    public void Attack_eps_below_0_is_refused_naming_the_option() => ShouldBeOneLineError(Attack("--n", "2", "--eps", "-1"), 1, "kwta: --eps: ");

    [TestCase("--repeats", "0")]
    [TestCase("--gamma", "2")]
    public void Bench_values_out_of_range_are_refused_naming_the_option(string option, string value) =>
        ShouldBeOneLineError(CliProcess.Run("bench", option, value), 1, $"kwta: {option}");

    [Test]
    public void Ledger_build_with_an_empty_shard_names_the_shard_option() =>
        ShouldBeOneLineError(CliProcess.Run("ledger", "build", "--shard", "", "--ledger", scratch), 1, "kwta: --shard");

    [Test]
    public void Attack_n_beyond_the_data_is_refused_rather_than_cut() => ShouldBeOneLineError(Attack("--n", "5000"), 1, "1000");

    [Test]
    public void Attack_without_fixtures_points_to_kwta_fixtures()
    {
        var run = Attack("--n", "4", "--fixtures", scratch);
        ShouldBeOneLineError(run, 1, "kwta fixtures");
        run.Item2.Should().NotContain("cs.toronto.edu");
    }

    [Test]
    public void Transfer_from_a_source_of_another_data_set_is_refused_by_name()
    {
        var run = CliProcess.Run("attack", "--model", "mnist-cnn:relu", "--attack", "transfer", "--source", "alexnet-cifar:relu", "--n", "2");
        ShouldBeOneLineError(run, 1, "alexnet-cifar");
    }

    [Test]
    public void A_value_that_does_not_parse_is_a_usage_error_without_dotnet_type_names()
    {
        ShouldBeOneLineError(Attack("--n", "4", "--eps", "abc"), 2, "--eps");
        ShouldBeOneLineError(CliProcess.Run("attack", "--attack", "pgd"), 2, "--model");
        ShouldBeOneLineError(CliProcess.Run("no-such-command"), 2, "no-such-command");
    }

    [Test]
    public void Attack_help_lists_every_bpda_surrogate()
    {
        var (exitCode, output) = CliProcess.Run("attack", "--help");
        exitCode.Should().Be(0, output);
        output.Should().Contain("Exact").And.Contain("Identity").And.Contain("Relu");
    }

    [Test]
    public void Info_on_a_missing_models_folder_is_an_error()
    {
        ShouldBeOneLineError(CliProcess.Run("info", "--models", Path.Combine(scratch, "missing")), 1, "missing");
    }

    [Test]
    public void Info_piped_does_not_wrap_the_descriptions()
    {
        var (exitCode, output) = CliProcess.Run("info", "--models", RepositoryLayout.Models);
        exitCode.Should().Be(0, output);
        foreach (var architecture in ModelRegistry.All) output.Should().Contain(architecture.Description);
    }

    [Test]
    public void Snapshots_accept_on_a_missing_folder_is_an_error()
    {
        ShouldBeOneLineError(CliProcess.Run("snapshots", "accept", "--expected", Path.Combine(scratch, "missing")), 1, "missing");
    }

    [Test]
    public void Selftest_names_TorchSharp_and_libtorch_by_their_own_versions()
    {
        var (exitCode, output) = CliProcess.Run("selftest");
        exitCode.Should().Be(0, output);
        output.Should().Contain($"libtorch {TorchSharp.torch.__version__}").And.NotContain($"TorchSharp {TorchSharp.torch.__version__}");
    }

    /// <summary>A copy of kwta in a folder outside the repository (the dependencies linked, not copied).</summary>
    string KwtaOutsideTheRepository()
    {
        var folder = Path.Combine(scratch, "kwta-bin");
        Directory.CreateDirectory(folder);
        foreach (var entry in Directory.EnumerateFileSystemEntries(AppContext.BaseDirectory))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith("kwta.", StringComparison.Ordinal)) File.Copy(entry, Path.Combine(folder, name));
            else File.CreateSymbolicLink(Path.Combine(folder, name), entry);
        }
        return Path.Combine(folder, "kwta.dll");
    }

    (int, string) RunOutside(string kwta, params string[] arguments)
    {
        var start = CliProcess.StartInfo(arguments);
        start.ArgumentList[0] = kwta;
        start.WorkingDirectory = scratch;
        return CliProcess.Run(start);
    }

    [Test]
    public void Outside_the_repository_help_works_and_commands_needing_its_folders_say_which_option_to_pass()
    {
        var kwta = KwtaOutsideTheRepository();

        foreach (var command in new[] { "info", "attack", "train", "reproduce", "fixtures", "export", "snapshots accept" })
        {
            var (exitCode, output) = RunOutside(kwta, [.. command.Split(' '), "--help"]);
            exitCode.Should().Be(0, $"{command} --help: {output}");
        }
        ShouldBeOneLineError(RunOutside(kwta, "info"), 1, "--models");
        RunOutside(kwta, "info", "--models", RepositoryLayout.Models).Item1.Should().Be(0);
    }

    /// <summary>Every folder <c>reproduce</c> reads or writes, given (the ledger's family runs in seconds).</summary>
    string[] ReproduceWithFoldersGiven(params string[] more) =>
    [
        "reproduce", "--models", RepositoryLayout.Models, "--fixtures", RepositoryLayout.Fixtures, "--ledger", RepositoryLayout.Ledger,
        "--output", Path.Combine(scratch, "report"), "--family", "mnist-cnn", "--no-figures", .. more,
    ];

    [Test]
    public void Outside_the_repository_reproduce_without_the_recorded_verdicts_says_to_pass_verdicts_before_any_work()
    {
        var kwta = KwtaOutsideTheRepository();

        ShouldBeOneLineError(RunOutside(kwta, ReproduceWithFoldersGiven()), 1, "--verdicts");
        Directory.Exists(Path.Combine(scratch, "report")).Should().BeFalse();
    }

    [Test]
    public void Outside_the_repository_reproduce_with_every_folder_given_writes_the_report_against_the_verdicts_given()
    {
        var kwta = KwtaOutsideTheRepository();

        var (exitCode, output) = RunOutside(kwta, ReproduceWithFoldersGiven("--verdicts", RepositoryLayout.Expected));

        exitCode.Should().Be(0, output);
        File.ReadAllText(Path.Combine(scratch, "report", "REPORT.md")).Should().Contain("(recorded refutation)");
    }

    [Test]
    public void Reproduce_with_a_missing_verdicts_file_is_refused_before_any_work()
    {
        var missing = Path.Combine(scratch, "Verdicts.verified.md");
        ShouldBeOneLineError(CliProcess.Run(ReproduceWithFoldersGiven("--verdicts", missing)), 1, $"--verdicts: {missing}");
    }
}
