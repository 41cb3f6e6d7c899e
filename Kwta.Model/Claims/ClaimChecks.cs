using Kwta.Model.Activations;
using Kwta.Model.Benchmarks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Model.Published;
using Kwta.Model.Reproduction;
using Kwta.Model.Training;

namespace Kwta.Model.Claims;

/// <summary>
/// Decides each claim of <see cref="ClaimsCatalogue"/> on a family's results with the criteria of
/// <see cref="ClaimTolerances"/>. The claim tests assert these checks; <c>kwta reproduce</c> reports them.
/// A check is first drafted with its paired tests; it is decided once Holm's correction has adjusted the p-values of
/// every testable paired test of its claim in the run (<see cref="ClaimsCatalogue.Correction"/>).
/// </summary>
public static class ClaimChecks
{
    public static readonly IReadOnlyList<ActivationSpec> KwtaActivations = [ModelFamily.KwtaGamma02, ModelFamily.KwtaGamma01];

    static readonly ResultColumn[] Adaptive = [ResultColumn.Transfer, ResultColumn.Bpda, ResultColumn.FiniteDifference];

    static readonly double Alpha = ClaimTolerances.SignificanceLevel;

    /// <summary>The adjusted p of a test of the check, were its raw p <c>raw</c> (the flip distance asks for other values).</summary>
    delegate double Adjustment(PairedTest test, double raw);

    /// <summary>A check before the correction: its paired tests, and how it is decided once their adjusted p are known.</summary>
    sealed record Draft(Claim Claim, IReadOnlyList<PairedTest> Tests, Func<Draft, Adjustment, ClaimCheck> Decision)
    {
        public ClaimCheck Decide(Adjustment adjust) => Decision(this, adjust);
    }

    /// <summary>Every check that the results support, in catalogue order (C5 needs a benchmark; C6's training run is a
    /// test of its own), corrected within this family.</summary>
    public static IReadOnlyList<ClaimCheck> All(FamilyResults results) => Decide(Drafts(results));

    static IReadOnlyList<Draft> Drafts(FamilyResults results) =>
    [
        .. KwtaActivations.Select(a => CleanAccuracyDraft(results, a)),
        .. KwtaActivations.Select(a => MoreRobustThanReluDraft(ClaimsCatalogue.PgdRobustness, results, a, ResultColumn.Pgd)),
        .. KwtaActivations.Select(a => MoreRobustThanReluDraft(ClaimsCatalogue.OtherAttacks, results, a, ResultColumn.DeepFool)),
        .. KwtaActivations.Select(a => MoreRobustThanReluDraft(ClaimsCatalogue.OtherAttacks, results, a, ResultColumn.Vga)),
        SparsityDraft(results),
        .. results.EpochOneTestAccuracy is null ? [] : new[] { ReluInitialisationLogsDraft(results) },
        .. KwtaActivations.Select(a => GradientMaskingDraft(results, a)),
        .. KwtaActivations.Select(a => SeedPgdInflatedDraft(results, a)),
        .. HasMaskingIndicators(results) ? ModelFamily.Activations.Select(a => PgdReliableDraft(results, a)) : [],
    ];

    /// <summary>Whether C9 can be decided: every masking column of every model and the silent gradients were measured
    /// (ledger scales; the default run leaves them out).</summary>
    public static bool HasMaskingIndicators(FamilyResults results) =>
        ModelFamily.Activations.All(a => results.SilentGradients.ContainsKey(a) &&
                                         ResultColumns.MaskingIndicators.All(c => results.Has(a, c)));

    /// <summary>Every check of a run: each family's, then C6's training half and C5's benchmark where they ran. Each claim's
    /// testable paired tests across all families form one Holm family.</summary>
    public static IReadOnlyList<ClaimCheck> All(IEnumerable<FamilyResults> families, ClaimCheck? reluInitialisationTraining, BenchmarkReport? overhead) =>
    [
        .. Decide([.. families.SelectMany(Drafts)]),
        .. reluInitialisationTraining is null ? [] : new[] { reluInitialisationTraining },
        .. overhead is null ? [] : new[] { Overhead(overhead) },
    ];

    /// <summary>Decides <paramref name="drafts"/>, each claim's testable paired tests corrected together by Holm's method.</summary>
    static IReadOnlyList<ClaimCheck> Decide(IReadOnlyList<Draft> drafts)
    {
        var families = drafts.GroupBy(d => d.Claim).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Tests).Where(t => t.Testable).ToList());
        return [.. drafts.Select(d => Decide(d, families[d.Claim]))];
    }

    static ClaimCheck Decide(Draft draft, IReadOnlyList<PairedTest> family)
    {
        double Holm(PairedTest test, double raw)
        {
            int member = Enumerable.Range(0, family.Count).FirstOrDefault(i => ReferenceEquals(family[i], test), -1);
            if (member < 0) return raw; // an untestable test is in no family: it can never reach significance anyway
            return Statistics.Holm([.. family.Select((t, i) => i == member ? raw : t.P)])[member];
        }
        return draft.Decide(Holm) with { Uncorrected = draft.Decide((_, raw) => raw).Outcome };
    }

    /// <summary>A check decided on its own, its paired tests the only ones corrected together.</summary>
    static ClaimCheck Alone(Draft draft) => Decide(draft, [.. draft.Tests.Where(t => t.Testable)]);

    /// <summary>The check of <paramref name="draft"/>'s claim and subject with its outcome, evidence and flip distance.</summary>
    static ClaimCheck Checked(Draft draft, ClaimSubject subject, ClaimOutcome outcome, string evidence, Adjustment adjust, int? flipDistance) =>
        new(draft.Claim, subject, outcome, evidence, [.. draft.Tests.Select(t => (t, adjust(t, t.P)))], flipDistance, outcome);

    static bool Significant(PairedTest test, Adjustment adjust) => test.Testable && adjust(test, test.P) < Alpha;

    /// <summary>Images that would flip whether <paramref name="test"/> is significant after the correction.</summary>
    static int? SignificanceFlip(PairedTest test, Adjustment adjust) => test.Outcomes.FlipDistance(raw => adjust(test, raw) < Alpha);

    /// <summary>Images that would make an untestable test testable.</summary>
    static int ImagesToTestable(PairedTest test) => test.Outcomes.ImagesShortOf(ClaimTolerances.MinimumDiscordantPairs);

    /// <summary>A check decided by one paired test: not testable if the test is not, else <paramref name="whenSignificant"/>
    /// or the other outcome.</summary>
    static Draft OneTest(Claim claim, ClaimSubject subject, PairedTest test, ClaimOutcome whenSignificant) =>
        new(claim, [test], (draft, adjust) =>
        {
            var evidence = test.Describe(adjust(test, test.P)) + ".";
            if (!test.Testable) return Checked(draft, subject, ClaimOutcome.NotTestable, evidence, adjust, ImagesToTestable(test));
            var outcome = Significant(test, adjust) ? whenSignificant : Other(whenSignificant);
            return Checked(draft, subject, outcome, evidence, adjust, SignificanceFlip(test, adjust));
        });

    static ClaimOutcome Other(ClaimOutcome outcome) => outcome == ClaimOutcome.Holds ? ClaimOutcome.DoesNotHold : ClaimOutcome.Holds;

    /// <summary>A check decided by a tolerance alone, with no paired test.</summary>
    static Draft Tolerance(Claim claim, ClaimSubject subject, bool holds, string evidence, int? flipDistance) =>
        new(claim, [], (draft, adjust) => Checked(draft, subject, holds ? ClaimOutcome.Holds : ClaimOutcome.DoesNotHold, evidence, adjust, flipDistance));

    /// <summary>Images that take a count across <paramref name="allowed"/>, the largest count that passes: up past it, or down to it.</summary>
    static int ImagesToCross(int count, int allowed) => count <= allowed ? allowed - count + 1 : count - allowed;

    /// <summary>C1, on the manifest's full-test-set accuracies.</summary>
    public static ClaimCheck CleanAccuracy(FamilyResults results, ActivationSpec activation) => Alone(CleanAccuracyDraft(results, activation));

    static Draft CleanAccuracyDraft(FamilyResults results, ActivationSpec activation)
    {
        double relu = 100 * results.ManifestCleanAccuracy[ActivationSpec.Relu], kwta = 100 * results.ManifestCleanAccuracy[activation];
        double allowed = ClaimTolerances.CleanGap(activation.Sparsity);
        int images = ReproductionSettings.Full.CleanImages;
        int gapImages = (int)Math.Round((relu - kwta) / 100 * images), allowedImages = (int)Math.Floor(allowed / 100 * images);
        return Tolerance(ClaimsCatalogue.CleanAccuracy, ClaimSubject.Model(results.Family, activation), relu - kwta <= allowed,
            FormattableString.Invariant(
                $"ReLU {relu:F2}% vs {activation.Label} {kwta:F2}% on the full test set: gap {relu - kwta:F2} pp, allowed {allowed} pp (fixture: {results.Percent(ActivationSpec.Relu, ResultColumn.Clean):F1}% vs {results.Percent(activation, ResultColumn.Clean):F1}%)."),
            ImagesToCross(gapImages, allowedImages));
    }

    /// <summary>C2 (PGD) and C3 (DeepFool, VGA).</summary>
    public static ClaimCheck MoreRobustThanRelu(Claim claim, FamilyResults results, ActivationSpec activation, ResultColumn column) =>
        Alone(MoreRobustThanReluDraft(claim, results, activation, column));

    static Draft MoreRobustThanReluDraft(Claim claim, FamilyResults results, ActivationSpec activation, ResultColumn column) =>
        OneTest(claim, ClaimSubject.Model(results.Family, activation, column),
                Paired(results, (activation, column), (ActivationSpec.Relu, column)), ClaimOutcome.Holds);

    /// <summary>C4: k-WTA 0.2 is not significantly more robust than 0.1.</summary>
    public static ClaimCheck Sparsity(FamilyResults results) => Alone(SparsityDraft(results));

    static Draft SparsityDraft(FamilyResults results) =>
        OneTest(ClaimsCatalogue.Sparsity, ClaimSubject.Comparison(results.Family, ModelFamily.KwtaGamma01, ModelFamily.KwtaGamma02, ResultColumn.Pgd),
                Paired(results, (ModelFamily.KwtaGamma02, ResultColumn.Pgd), (ModelFamily.KwtaGamma01, ResultColumn.Pgd)), ClaimOutcome.DoesNotHold);

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

    /// <summary>The fine-tune recipe of C6's training half: one epoch, the reproduction's lr 0.01 and clip 0.5.</summary>
    public static readonly TrainingOptions OneFineTuneEpoch = new()
    {
        Architecture = ModelFamily.Mnist.Architecture, Activation = ModelFamily.KwtaGamma02.ToString(),
        Epochs = 1, BatchSize = 32, LearningRate = 0.01, Schedule = "constant", GradientClipNorm = 0.5, Augment = false, Seed = 11,
    };

    /// <summary>C6's training half: fine-tune on the first 800 of the MNIST fixture's 1000 images, compare on the other 200.</summary>
    const int FineTuneImages = 800, HeldOutImages = 200;

    /// <summary>
    /// C6 trained here: k-WTA 0.2 fine-tuned one epoch on MNIST images 0–799 from the shipped ReLU model and from
    /// random init, compared on images 800–999 (paired). Seconds on CPU, so every run decides it anew. It is C6's only
    /// paired test, so its Holm family is itself.
    /// </summary>
    public static ClaimCheck ReluInitialisationTraining(LabeledImages mnist, string modelsDirectory, string scratchDirectory)
    {
        var training = mnist.Slice(0, FineTuneImages);
        var heldOut = mnist.Slice(FineTuneImages, HeldOutImages);
        var family = ModelFamily.Mnist;
        var reluModel = family.ModelName(ActivationSpec.Relu);
        using var fromRelu = IncrementalInit.FromShipped(reluModel, family.Architecture, ModelFamily.KwtaGamma02, modelsDirectory);
        TorchSharp.torch.manual_seed(OneFineTuneEpoch.Seed);
        using var fromRandom = ModelRegistry.Create(family.Architecture, ModelFamily.KwtaGamma02);
        Trainer.Run(fromRelu, training, null, OneFineTuneEpoch with { InitFrom = reluModel }, Path.Combine(scratchDirectory, "relu-init"));
        Trainer.Run(fromRandom, training, null, OneFineTuneEpoch, Path.Combine(scratchDirectory, "random-init"));
        var test = PairedTest.Of("held-out accuracy from ReLU weights vs random init", Correct(fromRelu, heldOut), Correct(fromRandom, heldOut));
        return Alone(OneTest(ClaimsCatalogue.ReluInitialisation, ClaimSubject.FineTuneEpoch(family, ModelFamily.KwtaGamma02, training.Count), test, ClaimOutcome.Holds));
    }

    static bool[] Correct(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, LabeledImages images) =>
        Predictions.Of(model, images).Select((p, i) => p == images.Labels[i]).ToArray();

    /// <summary>
    /// C5: the train step and inference of the paper's topk k-WTA (our Reference kernel, what the reproduction
    /// ran) take longer than ReLU's in one benchmark run; the Fast kernel's ratios are reported beside them. A timing
    /// has no images to flip.
    /// </summary>
    public static ClaimCheck Overhead(BenchmarkReport benchmark)
    {
        var variants = BenchmarkVariant.All(benchmark.Settings.Sparsity);
        var reference = variants.Single(v => v.Kernel == KwtaKernel.Reference && !v.IsBaseline);
        var fast = variants.Single(v => v.Kernel == KwtaKernel.Fast && !v.IsBaseline);
        var rows = new[] { KwtaBenchmark.TrainStep, KwtaBenchmark.Inference }.Select(w => benchmark.Rows.Single(r => r.Workload == w)).ToList();
        bool holds = rows.All(r => r.Timings.All(t => t.Timing.Median > 0) && r.RatioToBaseline(reference) > 1.0);
        var each = string.Join("; ", rows.Select(r => FormattableString.Invariant(
            $"{r.Workload}: Reference (topk) {r.RatioToBaseline(reference):F2}×, Fast {r.RatioToBaseline(fast):F2}× ReLU's {r.Baseline.Median:F1} ms")));
        return Alone(Tolerance(ClaimsCatalogue.Overhead, ClaimSubject.Benchmark(ModelFamily.Get(KwtaBenchmark.Architecture), benchmark.Settings.Batch), holds,
            FormattableString.Invariant($"{each} (reproduction: {Anchors.Value("seed.resnet18.train-time-ratio")}× training, {Anchors.Value("seed.resnet18.test-time-ratio")}× test)."),
            flipDistance: null));
    }

    /// <summary>C8: the seed-foolbox PGD leaves more images robust than the paper's PGD.</summary>
    public static ClaimCheck SeedPgdInflated(FamilyResults results, ActivationSpec activation) => Alone(SeedPgdInflatedDraft(results, activation));

    static Draft SeedPgdInflatedDraft(FamilyResults results, ActivationSpec activation) =>
        OneTest(ClaimsCatalogue.SeedPgdInflated, ClaimSubject.Model(results.Family, activation),
                Paired(results, (activation, ResultColumn.PgdSeedFoolbox), (activation, ResultColumn.Pgd)), ClaimOutcome.Holds);

    /// <summary>
    /// C7: an image is robust to the adaptive attacks only if it survives every one run on it (transfer and
    /// BPDA on all PGD images, finite differences on the first few), the usual worst case over attacks.
    /// </summary>
    public static ClaimCheck GradientMasking(FamilyResults results, ActivationSpec activation) => Alone(GradientMaskingDraft(results, activation));

    static Draft GradientMaskingDraft(FamilyResults results, ActivationSpec activation)
    {
        var pgd = results.Outcomes(activation, ResultColumn.Pgd);
        var adaptive = pgd.Select((_, i) => Adaptive.All(c => SurvivesIfRun(results.Outcomes(activation, c), i))).ToArray();
        var test = PairedTest.Of("PGD vs worst case over adaptive attacks", pgd, adaptive);
        var (pgdRobust, adaptiveRobust) = (test.Outcomes.FirstRobust, test.Outcomes.SecondRobust);
        // "At most half of PGD's robust accuracy", on the same images: at most this many adaptive-robust images.
        int allowedAdaptive = (int)Math.Floor(ClaimTolerances.AdaptiveFractionOfPgd * pgdRobust);
        bool farBelow = adaptiveRobust <= allowedAdaptive;
        var each = string.Join(", ", Adaptive.Select(c => FormattableString.Invariant($"{c.Header()} {results.Percent(activation, c):F1}% of {results.Trials(activation, c)}")));
        var subject = ClaimSubject.Model(results.Family, activation);
        return new Draft(ClaimsCatalogue.GradientMasking, [test], (draft, adjust) =>
        {
            var evidence = $"{test.Describe(adjust(test, test.P))} ({each}); criterion: {ClaimsCatalogue.GradientMasking.Criterion}.";
            if (!test.Testable) return Checked(draft, subject, ClaimOutcome.NotTestable, evidence, adjust, ImagesToTestable(test));
            bool significant = Significant(test, adjust);
            int fraction = ImagesToCross(adaptiveRobust, allowedAdaptive);
            int? pValue = SignificanceFlip(test, adjust);
            // Holding needs both parts, so one flips it; failing both needs both to flip.
            int? flip = (farBelow, significant) switch
            {
                (true, true) => pValue is null ? fraction : Math.Min(fraction, pValue.Value),
                (false, false) => fraction + pValue,
                (false, _) => fraction,
                _ => pValue,
            };
            return Checked(draft, subject, farBelow && significant ? ClaimOutcome.Holds : ClaimOutcome.DoesNotHold, evidence, adjust, flip);
        });
    }

    /// <summary>
    /// C9 on one model: PGD's robust accuracy is trusted only if none of the declared gradient-masking indicators fires
    /// (<see cref="ClaimsCatalogue.PgdReliable"/>). Each paired indicator asks whether the other attack breaks
    /// significantly more images than PGD does (one-sided McNemar on the same images), which it can show only when it
    /// is testable; so the check is not testable when no indicator fires and one of them could not have.
    /// </summary>
    public static ClaimCheck PgdReliable(FamilyResults results, ActivationSpec activation) => Alone(PgdReliableDraft(results, activation));

    static Draft PgdReliableDraft(FamilyResults results, ActivationSpec activation)
    {
        var pgd = results.Outcomes(activation, ResultColumn.Pgd);
        var beyondPgd = new List<ResultColumn> { ResultColumn.Square, ResultColumn.PgdStrong, ResultColumn.AutoAttack };
        if (activation != ActivationSpec.Relu) beyondPgd.Insert(1, ResultColumn.Transfer);
        var tests = beyondPgd.Select(c => PairedTest.Of($"{c.Header()} beats PGD", pgd, results.Outcomes(activation, c))).ToList();
        var unbounded = results.Outcomes(activation, ResultColumn.PgdUnbounded);
        int survivors = unbounded.Count(r => r);
        var silent = results.SilentGradients[activation];
        int silentCount = silent.Count(s => s), silentAllowed = (int)Math.Floor(ClaimTolerances.SilentGradientFraction * silent.Length);
        // The indicators without a test: whether each fires, its numbers, and the images that would flip it.
        var thresholds = new (string Name, bool Fires, string Numbers, int Flip)[]
        {
            ("PGD ε = 1 leaves images robust", survivors > 0, $"{survivors} of {unbounded.Count}", ImagesToCross(-survivors, -1)),
            ("silent input gradients", silentCount > silentAllowed, FormattableString.Invariant($"{100.0 * silentCount / silent.Length:F1}% of {silent.Length}"),
             ImagesToCross(silentCount, silentAllowed)),
        };
        var subject = ClaimSubject.Model(results.Family, activation);
        return new Draft(ClaimsCatalogue.PgdReliable, tests, (draft, adjust) =>
        {
            var paired = tests.Select(t => (Fires: Significant(t, adjust), Text: $"{t.Name}: {(Significant(t, adjust) ? "fires" : "quiet")} ({t.Numbers(adjust(t, t.P))})", Flip: t.Testable ? SignificanceFlip(t, adjust) : null)).ToList();
            var each = string.Join("; ", paired.Select(i => i.Text).Concat(thresholds.Select(i => $"{i.Name}: {(i.Fires ? "fires" : "quiet")} ({i.Numbers})")));
            var evidence = FormattableString.Invariant($"PGD {100.0 * pgd.Count(r => r) / pgd.Count:F1}% on {pgd.Count} images; {each}; criterion: {ClaimsCatalogue.PgdReliable.Criterion}.");
            var flips = paired.Select(i => (i.Fires, i.Flip)).Concat(thresholds.Select(i => (i.Fires, Flip: (int?)i.Flip))).ToList();
            if (flips.Any(i => i.Fires))
                return Checked(draft, subject, ClaimOutcome.DoesNotHold, evidence, adjust, flips.Where(i => i.Fires).Sum(i => i.Flip));
            if (tests.Any(t => !t.Testable))
                return Checked(draft, subject, ClaimOutcome.NotTestable, evidence, adjust, tests.Sum(ImagesToTestable));
            return Checked(draft, subject, ClaimOutcome.Holds, evidence, adjust, flips.Select(i => i.Flip).OfType<int>().DefaultIfEmpty().Min());
        });
    }

    static PairedTest Paired(FamilyResults results, (ActivationSpec Activation, ResultColumn Column) better,
                             (ActivationSpec Activation, ResultColumn Column) worse) =>
        PairedTest.Of($"{better.Activation.Label} {better.Column.Header()} vs {worse.Activation.Label} {worse.Column.Header()}",
                      results.Outcomes(better.Activation, better.Column), results.Outcomes(worse.Activation, worse.Column));

    static bool SurvivesIfRun(IReadOnlyList<bool> outcomes, int image) => image >= outcomes.Count || outcomes[image];
}
