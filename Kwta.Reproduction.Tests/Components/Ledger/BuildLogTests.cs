using Kwta.Model.Ledger;
using Kwta.Model.Models;

namespace Kwta.Reproduction.Tests.Components.Ledger;

/// <summary>The build log keeps every run it is given, refuses a line it cannot read, and a rebuild's cost is each
/// cell's images times the CPU seconds per image of its runs on the form asked for.</summary>
public class BuildLogTests
{
    string scratch = "";

    [SetUp]
    public void CreateScratch() => scratch = Directory.CreateTempSubdirectory("kwta-build-log-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(scratch, recursive: true);

    static readonly string Folded = ForwardPaths.Machine(ForwardPath.Folded);
    static readonly string AsTrained = ForwardPaths.Machine(ForwardPath.AsTrained);

    [Test]
    public void Runs_read_back_as_they_were_appended()
    {
        BuildLog.Read(scratch).Should().BeEmpty("a ledger never built here has no log");
        var first = new BuildRun("fixtures/m/pgd", "1/2", 500, 60.5, 119.26, 2, Folded, "2026-12-03T18:00:00Z");
        var second = first with { Shard = "2/2", Images = 499, CpuSeconds = 3.5 };
        BuildLog.Append(scratch, first);
        BuildLog.Append(scratch, second);
        BuildLog.Read(scratch).Should().Equal(first with { CpuSeconds = 119.3 }, second);
    }

    [Test]
    public void A_line_that_is_not_a_run_is_refused_naming_the_file_and_line()
    {
        BuildLog.Append(scratch, new BuildRun("fixtures/m/pgd", "1/1", 10, 1, 2, 2, Folded, "t"));
        File.AppendAllText(BuildLog.PathIn(scratch), "fixtures/m/pgd\t1/1\tten\t1\t2\t2\tx\tt\n");
        FluentActions.Invoking(() => BuildLog.Read(scratch)).Should().Throw<LedgerFormatException>().WithMessage($"{BuildLog.PathIn(scratch)}:3: *");
    }

    [Test]
    public void A_cells_cost_is_its_images_times_the_cpu_seconds_per_image_of_its_runs_on_the_form_asked_for()
    {
        BuildRun[] runs =
        [
            new("a", "1/2", 50, 40, 100, 2, Folded, "t"),
            new("a", "2/2", 25, 30, 80, 2, Folded, "t"),
            new("a", "1/1", 1000, 900, 9000, 2, AsTrained, "t"),
            new("b", "1/1", 0, 1, 5, 2, Folded, "t"),
        ];
        var estimates = CellCost.Estimate([("a", 1000), ("b", 1000)], runs, ForwardPath.Folded);

        var a = estimates[0].Cost!;
        a.ImagesLogged.Should().Be(75);
        a.CpuSecondsPerImage.Should().BeApproximately(180.0 / 75, 1e-12);
        a.CpuHours.Should().BeApproximately(1000 * 180.0 / 75 / 3600, 1e-12);
        a.WallHours.Should().BeApproximately(1000 * 70.0 / 75 / 3600, 1e-12);
        estimates[1].Cost.Should().BeNull("a run that attacked no image says nothing about the cost of one");
        CellCost.Estimate([("a", 1000)], runs, ForwardPath.AsTrained)[0].Cost!.CpuHours.Should().BeApproximately(2.5, 1e-12);
    }
}
