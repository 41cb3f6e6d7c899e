using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>Every output is written beside its target and renamed into place; the temporary file cannot be redirected.</summary>
public class AtomicFileTests : ScratchDirectoryTest
{
    [Test]
    public void A_symlink_planted_at_the_once_predictable_temporary_name_is_not_written_through()
    {
        var victim = Path.Combine(scratch, "victim.txt");
        File.WriteAllText(victim, "precious");
        var target = Path.Combine(scratch, "out.txt");
        File.CreateSymbolicLink(Path.Combine(scratch, $".out.txt.{Environment.ProcessId}.tmp"), victim);

        AtomicFile.WriteAllText(target, "result");

        File.ReadAllText(victim).Should().Be("precious");
        File.ReadAllText(target).Should().Be("result");
        new FileInfo(target).LinkTarget.Should().BeNull("the target is a file of its own, not the planted link");
    }

    [Test]
    public void The_temporary_file_exists_before_the_writer_runs_and_its_name_changes_every_write()
    {
        var target = Path.Combine(scratch, "model.dat");
        var names = new List<string>();
        for (int i = 0; i < 2; i++)
            AtomicFile.Write(target, temporary =>
            {
                File.Exists(temporary).Should().BeTrue("the name is reserved exclusively before the writer opens it");
                names.Add(Path.GetFileName(temporary));
                File.WriteAllText(temporary, $"{i}");
            });

        names[0].Should().NotBe(names[1]);
        File.ReadAllText(target).Should().Be("1");
        Directory.GetFiles(scratch).Should().Equal([target], "no temporary file is left behind");
    }

    [Test]
    public void A_failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        var target = Path.Combine(scratch, "results.csv");
        File.WriteAllText(target, "old");

        var act = () => AtomicFile.Write(target, temporary => throw new IOException("disk full"));

        act.Should().Throw<IOException>().WithMessage($"*{target}*disk full*");
        File.ReadAllText(target).Should().Be("old");
        Directory.GetFiles(scratch).Should().Equal([target]);
    }

    [Test]
    public void Writing_to_a_folder_fails_with_a_message_naming_it_and_the_folder_is_untouched()
    {
        var folder = Path.Combine(scratch, "existing");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "keep");

        var act = () => AtomicFile.WriteAllText(folder, "x");

        act.Should().Throw<IOException>().WithMessage($"{folder}*folder*");
        File.ReadAllText(Path.Combine(folder, "keep.txt")).Should().Be("keep");
    }
}
