using NUnit.Framework.Internal;
using Kwta.Model.Claims;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Model.Reproduction;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// The reproduction of each family at each <see cref="ReproductionScale"/>, computed once per test run
/// and shared by the claim tests and the snapshot tests.
/// </summary>
public static class ReproductionResults
{
    /// <summary>The families whose claims the default run decides: every family (a missing model fails its tests, naming
    /// it), except a ledger-only family whose fixtures ledger is not complete yet, which the README's table shows as not
    /// decided (<see cref="ReproductionRun.WhyUndecided"/>).</summary>
    public static readonly IReadOnlyList<string> DecidedFamilies = Decided(ReproductionScale.Default);

    static IReadOnlyList<string> Decided(ReproductionScale scale) =>
        [.. ModelFamily.All.Where(f => !f.LedgerOnly || RunAt(scale).WhyUndecided(f) is null).Select(f => f.Name)];

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

    static readonly Dictionary<(string, ReproductionScale), Lazy<FamilyResults>> cache =
        (from f in ModelFamily.All
         from scale in Enum.GetValues<ReproductionScale>()
         select (f, scale)).ToDictionary(p => (p.f.Name, p.scale), p => new Lazy<FamilyResults>(() => Compute(p.f, p.scale)));

    public static FamilyResults For(string family, ReproductionScale scale = ReproductionScale.Default) => cache[(family, scale)].Value;

    /// <summary>C6's training half does not depend on the scale: one run on the fixtures serves both.</summary>
    static readonly Lazy<ClaimCheck> reluInitialisationTraining = new(() => RunAt(ReproductionScale.Default).ReluInitialisationTraining());

    /// <summary>Every claim check at a scale, as <c>kwta reproduce</c> makes them: each family's and C6's training half.
    /// C5 is a timing: <c>kwta reproduce</c> reports it from its benchmark, and no test asserts it, since a ratio of
    /// two timings on a busy machine is no verdict to record.</summary>
    public static IReadOnlyList<ClaimCheck> Checks(ReproductionScale scale) => checks[scale].Value;

    /// <summary>Decided once per scale: Holm's correction and the flip distances look at every check of a claim together,
    /// which takes seconds, and each verdict test asks for them all.</summary>
    static readonly Dictionary<ReproductionScale, Lazy<IReadOnlyList<ClaimCheck>>> checks =
        Enum.GetValues<ReproductionScale>().ToDictionary(scale => scale, scale => new Lazy<IReadOnlyList<ClaimCheck>>(
            () => ClaimChecks.All(Decided(scale).Select(f => For(f, scale)), reluInitialisationTraining.Value, overhead: null)));

    static ReproductionRun RunAt(ReproductionScale scale) => scale == ReproductionScale.Full
        ? ReproductionRun.Full(DataDirectory(), RepositoryLayout.Models, RepositoryLayout.Ledger)
        : ReproductionRun.OnFixtures(RepositoryLayout.Fixtures, RepositoryLayout.Models, RepositoryLayout.Ledger);

    static FamilyResults Compute(ModelFamily family, ReproductionScale scale)
    {
        var results = RunAt(scale).Run(family, line => { if (!line.Contains("so far")) TestContext.Progress.WriteLine($"({scale}) {line}"); });
        TestContext.Progress.WriteLine($"{family.Name} ({scale}): reproduction took {results.Elapsed:hh\\:mm\\:ss}");
        return results;
    }

    static string DataDirectory() =>
        Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } directory
            ? directory
            : throw new InvalidOperationException($"The Full scale runs on the official test sets: set {DataVariable} to their folder. {DataFiles.WhereToGetThem}");
}
