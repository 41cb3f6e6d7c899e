using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Models;
using Kwta.Model.Persistence;

namespace Kwta.Model.Reproduction;

/// <summary>
/// Robust accuracy under PGD at ε = 0, 1, 2, 4, 8, 16 /255 for a family's three models (the paper's
/// ε-sweep figure), with the PGD preset <c>sweep</c>.
/// </summary>
public static class EpsilonSweep
{
    public static readonly IReadOnlyList<int> EpsilonsOver255 = [0, 1, 2, 4, 8, 16];

    /// <summary>Percent robust per activation, one value per ε of <see cref="EpsilonsOver255"/>.</summary>
    public static IReadOnlyDictionary<ActivationSpec, double[]> Run(ModelFamily family, LabeledImages images, string modelsDirectory,
                                                            int batchSize, long seed, Action<string>? log = null)
    {
        var curves = new Dictionary<ActivationSpec, double[]>();
        foreach (var activation in ModelFamily.Activations)
        {
            using var model = ModelFile.LoadShipped(family.ModelName(activation), modelsDirectory);
            curves[activation] = [.. EpsilonsOver255.Select(e =>
            {
                double epsilon = e / 255.0;
                double percent = e == 0
                    ? 100 * Predictions.Accuracy(model, images)
                    : 100 * RobustAccuracy.Evaluate(model, AttackCatalog.Create("pgd", "sweep", new AttackOptions(epsilon, seed)),
                                                    images, batchSize).RobustAccuracy;
                log?.Invoke(FormattableString.Invariant($"{family.ModelName(activation)} ε = {e}/255: {percent:F1}%"));
                return percent;
            })];
        }
        return curves;
    }
}
