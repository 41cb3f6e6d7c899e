using System.Text.Json;
using Kwta.Model.Claims;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;

namespace Kwta.Model.Reporting;

/// <summary><c>results.json</c>: every cell's counts, interval and per-image outcomes, and every claim check with its tests,
/// so runs on two machines can be compared image by image.</summary>
public static class ResultsJson
{
    public static string Of(IReadOnlyList<FamilyResults> families, IReadOnlyList<ClaimCheck> checks)
    {
        var cells = from f in families
                    from activation in ModelFamily.Activations
                    from column in Enum.GetValues<ResultColumn>()
                    where f.Has(activation, column)
                    let successes = f.Successes(activation, column)
                    let trials = f.Trials(activation, column)
                    let interval = Statistics.WilsonInterval(successes, trials)
                    select new
                    {
                        family = f.Family.Name, model = f.Family.ModelName(activation), column = column.Header(), source = f.Provenance(activation, column),
                        successes, trials, percent = 100.0 * successes / trials,
                        ciLow = 100 * interval.Low, ciHigh = 100 * interval.High,
                        // Per image, in evaluation order: 1 = correct after the attack. Lets runs on two machines be compared image by image.
                        outcomes = string.Concat(f.Outcomes(activation, column).Select(r => r ? '1' : '0')),
                    };
        return JsonSerializer.Serialize(new { cells = cells.ToList(), claims = checks.Select(c => new
        {
            id = c.Claim.Id, family = c.Subject.Family.Name, subject = c.Subject.ToString(), outcome = c.Outcome.Text(), uncorrected = c.Uncorrected.Text(),
            verdict = c.Verdict, flipsWith = c.FlipDistance, fragile = c.Fragile, evidence = c.Evidence,
            tests = c.Tests.Select(t => new
            {
                name = t.Test.Name, both = t.Test.Outcomes.Both, onlyFirst = t.Test.Outcomes.OnlyFirst, onlySecond = t.Test.Outcomes.OnlySecond,
                neither = t.Test.Outcomes.Neither, differencePoints = t.Test.Outcomes.DifferencePoints.Difference,
                ciLow = t.Test.Outcomes.DifferencePoints.Low, ciHigh = t.Test.Outcomes.DifferencePoints.High,
                p = t.Test.P, adjustedP = t.AdjustedP, testable = t.Test.Testable,
            }).ToList(),
        }).ToList() }, new JsonSerializerOptions { WriteIndented = true });
    }
}
