using Kwta.Model.Data;
using Kwta.Model.Persistence;
using Kwta.Model.Reproduction;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// The default reproduction (<see cref="ReproductionSettings.Default"/> on the fixtures), computed once
/// per family per test run and shared by the claim tests and the snapshot tests.
/// </summary>
public static class ReproductionResults
{
    /// <summary>The families whose three models are shipped in models/ and whose claims therefore run.
    /// A family joins this list when its models ship; the README's claims table says which are in.</summary>
    public static readonly IReadOnlyList<string> ShippedFamilies = ["mnist-cnn"];

    static readonly Dictionary<string, Lazy<FamilyResults>> cache = ModelFamily.All.ToDictionary(
        f => f.Name, f => new Lazy<FamilyResults>(() => Compute(f)));

    public static FamilyResults For(string family) => cache[family].Value;

    static FamilyResults Compute(ModelFamily family)
    {
        var images = Fixtures.Load(family.Dataset, RepositoryLayout.Fixtures);
        var results = ReproductionRunner.Run(family, images, RepositoryLayout.Models, ReproductionSettings.Default,
                                             line => { if (!line.Contains("so far")) TestContext.Progress.WriteLine(line); });
        TestContext.Progress.WriteLine($"{family.Name}: reproduction took {results.Elapsed:mm\\:ss}");
        return results;
    }
}
