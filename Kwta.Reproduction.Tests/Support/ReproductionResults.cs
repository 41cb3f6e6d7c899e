using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Reproduction;
using NUnit.Framework.Internal;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// The reproduction at each <see cref="ReproductionScale"/>, run once per test run by the method <c>kwta reproduce</c>
/// calls (<see cref="ReproductionRun.Execute"/>, without figures) and shared by the claim tests and the snapshot tests.
/// </summary>
public static class ReproductionResults
{
    /// <summary>The families whose claims the default run decides: every family (a missing model fails its tests, naming
    /// it), except a ledger-only family whose fixtures ledger is not complete yet (<see cref="ReproductionRun.WhyUndecided"/>).
    /// Asked at test discovery, so it only looks at files.</summary>
    public static readonly IReadOnlyList<string> DecidedFamilies =
        [.. ModelFamily.All.Where(f => RunAt(ReproductionScale.Default).WhyUndecided(f) is null).Select(f => f.Name)];

    /// <summary>The environment variable naming the folder with the official data files; setting it adds the Full category.</summary>
    public const string DataVariable = "KWTA_DATA";

    /// <summary>The scales the claim fixtures run at: Default always; Full (category "Full") only when
    /// <see cref="DataVariable"/> names the data, so a default run neither runs nor skips it.</summary>
    public static IEnumerable<TestFixtureData> Scales()
    {
        yield return new TestFixtureData(ReproductionScale.Default);
        if (Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 })
        {
            var full = new TestFixtureData(ReproductionScale.Full);
            full.Properties.Add(PropertyNames.Category, "Full");
            yield return full;
        }
    }

    static readonly Dictionary<ReproductionScale, Lazy<ReproductionResult>> runs =
        Enum.GetValues<ReproductionScale>().ToDictionary(scale => scale, scale => new Lazy<ReproductionResult>(() => Execute(scale)));

    /// <summary>The run at <paramref name="scale"/>: every family, C6's training experiment and every claim check. C5 is a
    /// timing: <c>kwta reproduce</c> reports it from its benchmark, and no test asserts it, since a ratio of two timings on
    /// a busy machine is no verdict to record.</summary>
    public static ReproductionResult Of(ReproductionScale scale) => runs[scale].Value;

    public static FamilyResults For(string family, ReproductionScale scale = ReproductionScale.Default) => Of(scale).Family(family);

    public static IReadOnlyList<ClaimCheck> Checks(ReproductionScale scale) => Of(scale).Checks;

    static ReproductionRun RunAt(ReproductionScale scale) => scale == ReproductionScale.Full
        ? ReproductionRun.Full(DataDirectory(), RepositoryLayout.Models, RepositoryLayout.Ledger)
        : ReproductionRun.OnFixtures(RepositoryLayout.Fixtures, RepositoryLayout.Models, RepositoryLayout.Ledger);

    static ReproductionResult Execute(ReproductionScale scale)
    {
        var result = RunAt(scale).Execute(ModelFamily.All, log: line => { if (!line.Contains("so far")) TestContext.Progress.WriteLine($"({scale}) {line}"); });
        TestContext.Progress.WriteLine($"reproduction ({scale}) took {result.Elapsed:hh\\:mm\\:ss}");
        return result;
    }

    static string DataDirectory() =>
        Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } directory
            ? directory
            : throw new InvalidOperationException($"The Full scale runs on the official test sets: set {DataVariable} to their folder. {DataFiles.WhereToGetThem}");
}
