using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Claims;
using Kwta.Model.Reproduction;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The claim checks decide on synthetic outcomes as their criteria say: each can hold and each can fail.</summary>
public class ClaimCheckTests
{
    const int Images = 200;

    static bool[] RobustFirst(int count) => [.. Enumerable.Range(0, Images).Select(i => i < count)];

    static FamilyResults Results(int reluPgd, int kwtaPgd, int adaptive = 0)
    {
        var results = new FamilyResults(ModelFamily.ResNet18, ReproductionSettings.Default);
        foreach (var activation in ModelFamily.Activations)
        {
            bool relu = activation == ActivationSpec.Relu;
            results.Add(activation, ResultColumn.Pgd, RobustFirst(relu ? reluPgd : kwtaPgd));
            foreach (var column in new[] { ResultColumn.Transfer, ResultColumn.Bpda, ResultColumn.FiniteDifference })
                if (!relu) results.Add(activation, column, RobustFirst(adaptive));
        }
        return results;
    }

    [TestCase(0, 60, true)]
    [TestCase(0, 3, false)]
    [TestCase(40, 40, false)]
    public void kWTA_counts_as_more_robust_only_when_McNemar_is_significant(int reluRobust, int kwtaRobust, bool holds) =>
        ClaimChecks.MoreRobustThanRelu(ClaimsCatalogue.PgdRobustness, Results(reluRobust, kwtaRobust), ModelFamily.KwtaGamma01, ResultColumn.Pgd)
            .Holds.Should().Be(holds);

    [TestCase(100, 0, true)]
    [TestCase(100, 60, false)]
    public void Gradient_masking_holds_when_the_adaptive_attacks_remove_most_PGD_robustness(int pgdRobust, int adaptiveRobust, bool holds) =>
        ClaimChecks.GradientMasking(Results(0, pgdRobust, adaptiveRobust), ModelFamily.KwtaGamma02).Holds.Should().Be(holds);

    [TestCase(0.9895, 0.8529, true)]
    [TestCase(0.80, 0.85, false)]
    public void The_training_logs_check_compares_epoch_1_accuracy(double fromRelu, double fromRandom, bool holds)
    {
        var results = Results(0, 0);
        results.EpochOneTestAccuracy = (fromRelu, fromRandom);
        ClaimChecks.ReluInitialisationLogs(results).Holds.Should().Be(holds);
    }

    [TestCase(2.0, true)]
    [TestCase(0.9, false)]
    public void The_overhead_check_holds_when_topk_k_WTA_is_slower_than_ReLU(double referenceRatio, bool holds)
    {
        var settings = new BenchmarkSettings();
        Timing TimingOf(BenchmarkVariant v) => new([v.IsBaseline ? 10.0 : v.Kernel == KwtaKernel.Reference ? 10 * referenceRatio : 11.0]);
        var rows = new[] { KwtaBenchmark.TrainStep, KwtaBenchmark.Inference }
            .Select(w => new BenchmarkRow(w, "batch", [.. BenchmarkVariant.All(settings.Sparsity).Select(v => (v, TimingOf(v)))])).ToList();

        ClaimChecks.Overhead(new BenchmarkReport(settings, rows, "test")).Holds.Should().Be(holds);
    }
}
