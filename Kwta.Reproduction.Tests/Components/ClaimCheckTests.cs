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

    /// <summary>A model whose PGD leaves 50 of 200 images robust, and whose masking indicators keep them all unless
    /// <paramref name="firing"/> names one, which then breaks 20 of them (or, for ε = 1, leaves one; for the gradients, silences 5).</summary>
    static FamilyResults MaskingResults(string? firing)
    {
        var results = Results(0, 50, adaptive: 50);
        foreach (var activation in ModelFamily.Activations)
        {
            bool relu = activation == ActivationSpec.Relu;
            results.Add(activation, ResultColumn.Pgd, RobustFirst(50));
            if (!relu) results.Add(activation, ResultColumn.Transfer, RobustFirst(firing == "transfer" ? 30 : 50));
            results.Add(activation, ResultColumn.Square, RobustFirst(firing == "square" ? 30 : 50));
            results.Add(activation, ResultColumn.PgdStrong, RobustFirst(firing == "strong" ? 30 : 50));
            results.Add(activation, ResultColumn.AutoAttack, RobustFirst(firing == "autoattack" ? 30 : 50));
            results.Add(activation, ResultColumn.PgdUnbounded, RobustFirst(firing == "unbounded" ? 1 : 0));
            results.SilentGradients[activation] = RobustFirst(firing == "silent" ? 5 : 2);
        }
        return results;
    }

    [TestCase(null, true)]
    [TestCase("square", false)]
    [TestCase("transfer", false)]
    [TestCase("strong", false)]
    [TestCase("autoattack", false)]
    [TestCase("unbounded", false)]
    [TestCase("silent", false)]
    public void PGD_is_reliable_only_when_no_masking_indicator_fires(string? firing, bool holds)
    {
        var results = MaskingResults(firing);
        ClaimChecks.HasMaskingIndicators(results).Should().BeTrue();
        var check = ClaimChecks.PgdReliable(results, ModelFamily.KwtaGamma01);
        check.Holds.Should().Be(holds, check.Evidence);
        check.Evidence.Split(": fires (").Length.Should().Be(holds ? 1 : 2, "exactly the injected indicator fires");
    }

    [Test]
    public void C9_is_decided_only_when_every_model_has_every_masking_attack_and_its_gradients_measured()
    {
        ClaimChecks.HasMaskingIndicators(Results(0, 50)).Should().BeFalse("the default run has no masking attacks");
        var partial = MaskingResults(null);
        partial.SilentGradients.Remove(ModelFamily.KwtaGamma02);
        ClaimChecks.HasMaskingIndicators(partial).Should().BeFalse("one model's gradients are missing");
    }

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
