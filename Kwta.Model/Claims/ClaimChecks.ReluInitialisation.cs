using Kwta.Model.Families;

namespace Kwta.Model.Claims;

/// <summary>C6's rules: on the shipped training logs, and on the run's training experiment.</summary>
public static partial class ClaimChecks
{
    /// <summary>C6 on the shipped training logs: epoch-1 test accuracy of k-WTA 0.2 from ReLU weights vs from random init.</summary>
    public static ClaimCheck ReluInitialisationLogs(FamilyResults results) => Alone(ReluInitialisationLogsDraft(results));

    static Draft ReluInitialisationLogsDraft(FamilyResults results)
    {
        var (fromRelu, fromRandom) = results.EpochOneTestAccuracy
            ?? throw new InvalidOperationException($"{results.Family.Name}: no training logs were read.");
        int images = ReproductionSettings.Full.CleanImages;
        return Tolerance(ClaimsCatalogue.ReluInitialisation, ClaimSubject.TrainingLogs(results.Family, ModelFamily.KwtaGamma02), fromRelu > fromRandom,
            FormattableString.Invariant($"epoch-1 test accuracy (full test set) from ReLU weights {100 * fromRelu:F2}% vs from random init {100 * fromRandom:F2}%."),
            ImagesToCross((int)Math.Round((fromRandom - fromRelu) * images), -1));
    }

    /// <summary>C6 trained by the run (its training experiment): the model from ReLU weights is more accurate on the held-out
    /// images, paired. It is C6's only paired test, so its Holm family is itself.</summary>
    public static ClaimCheck ReluInitialisationTraining(FineTuneOutcomes outcomes)
    {
        var test = PairedTest.Of("held-out accuracy from ReLU weights vs random init", outcomes.FromRelu, outcomes.FromRandom);
        var subject = ClaimSubject.FineTuneEpoch(outcomes.Family, ModelFamily.KwtaGamma02, outcomes.TrainingImages);
        return Alone(OneTest(ClaimsCatalogue.ReluInitialisation, subject, test, ClaimOutcome.Holds));
    }
}
