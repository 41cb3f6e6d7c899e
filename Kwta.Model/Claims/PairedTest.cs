using Kwta.Model.Evaluation;

namespace Kwta.Model.Claims;

/// <summary>
/// One paired comparison inside a claim check, named as the evidence shows it ("k-WTA 0.1 PGD vs ReLU PGD"): does
/// the first side leave significantly more images robust than the second (one-sided exact McNemar)? It is testable
/// only if the two sides' robust counts leave room for <see cref="ClaimTolerances.MinimumDiscordantPairs"/> images
/// favouring the first, the fewest with which the test can reach significance (<see cref="ClaimsCatalogue"/>).
/// </summary>
public sealed record PairedTest(string Name, PairedOutcomes Outcomes)
{
    public double P => Outcomes.OneSidedP;

    public bool Testable => Outcomes.MostFavourable >= ClaimTolerances.MinimumDiscordantPairs;

    public static PairedTest Of(string name, IReadOnlyList<bool> first, IReadOnlyList<bool> second) => new(name, PairedOutcomes.Of(first, second));

    /// <summary>"k-WTA 0.1 PGD vs ReLU PGD: 1.1% vs 0.0% on 1000 images, +1.1 pp (95% CI 0.6 to 2.0); p = 0.0005, Holm 0.001".</summary>
    public string Describe(double adjustedP) => $"{Name}: {Numbers(adjustedP)}";

    /// <summary><see cref="Describe"/> without the name.</summary>
    public string Numbers(double adjustedP)
    {
        var (difference, low, high) = Outcomes.DifferencePoints;
        var text = FormattableString.Invariant(
            $"{Outcomes.FirstPercent:F1}% vs {Outcomes.SecondPercent:F1}% on {Outcomes.Count} images, {difference:+0.0;-0.0;0.0} pp (95% CI {low:F1} to {high:F1}); one-sided McNemar p = {P:G3}");
        return Testable ? text + FormattableString.Invariant($", Holm {adjustedP:G3}") : $"{text}; not testable: {WhyNotTestable}";
    }

    /// <summary>Why the test could not have reached significance, whatever the images' outcomes.</summary>
    public string WhyNotTestable => FormattableString.Invariant(
        $"at most {Outcomes.MostFavourable} image{(Outcomes.MostFavourable == 1 ? "" : "s")} could favour the first side ({Outcomes.FirstRobust} robust there, {Outcomes.Count - Outcomes.SecondRobust} broken on the second), fewer than the {ClaimTolerances.MinimumDiscordantPairs} the exact test needs for p < {ClaimTolerances.SignificanceLevel}");
}
