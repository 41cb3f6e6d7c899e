using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Model.Models;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>What every attack promises besides its maths: eval mode, no parameter gradients, argument checks.</summary>
public class AttackContractTests
{
    static IEnumerable<TestCaseData> EveryAttack()
    {
        foreach (var linf in LinfAttackCatalogue.All(0.05)) yield return linf;
        yield return new TestCaseData((Func<long, Attack>)(_ => new VanillaGradientAscent(1.0, iterations: 3))).SetArgDisplayNames("vga");
        yield return new TestCaseData((Func<long, Attack>)(_ => new TransferAttack(RandomModels.Mlp(1, 40, 16, 10), new LinfPgd(0.05, 0.01, 3))))
            .SetArgDisplayNames("transfer");
    }

    [TestCaseSource(nameof(EveryAttack))]
    public void Attack_runs_the_model_in_eval_mode_restores_training_mode_and_leaves_no_parameter_gradient(Func<long, Attack> create)
    {
        var inner = RandomModels.Mlp(seed: 61, inputs: 40, hidden: 32, classes: 10, ActivationSpec.Kwta(0.3));
        using var scope = NewDisposeScope();
        torch.manual_seed(62);
        var x = rand(8, 40);
        var y = Predictions.Of(inner, x);   // labels the model gets right, so attacks that skip clean mistakes attack every image
        using var model = new RecordingModel(inner);
        model.train();

        create(0).Perturb(model, x, y);

        model.Calls.Where(c => c.Training).Should().BeEmpty();
        model.modules().Should().OnlyContain(m => m.training, "training mode is restored in every submodule");
        model.parameters().Should().HaveCount(4);
        model.parameters().Count(p => p.grad is not null).Should().Be(0);
    }

    [Test]
    public void Attack_works_when_the_caller_disabled_gradients()
    {
        using var model = RandomModels.Mlp(seed: 61, inputs: 40, hidden: 32, classes: 10);
        using var scope = NewDisposeScope();
        var x = full(4, 40, 0.5f);
        using var noGrad = no_grad();
        new Fgsm(0.1).Perturb(model, x, zeros(4, dtype: ScalarType.Int64)).SameAs(x).Should().BeFalse();
    }

    static IEnumerable<TestCaseData> InvalidSettings()
    {
        TestCaseData Case(string name, string parameter, Action create) => new TestCaseData(create, parameter).SetArgDisplayNames(name);
        yield return Case("fgsm ε < 0", "epsilon", () => _ = new Fgsm(-0.1));
        yield return Case("pgd ε NaN", "epsilon", () => _ = new LinfPgd(double.NaN, 0.01, 10));
        yield return Case("pgd step 0", "stepSize", () => _ = new LinfPgd(0.1, 0, 10));
        yield return Case("pgd step < 0", "stepSize", () => _ = new LinfPgd(0.1, -0.01, 10));
        yield return Case("pgd steps 0", "steps", () => _ = new LinfPgd(0.1, 0.01, 0));
        yield return Case("pgd restarts 0", "restarts", () => _ = new LinfPgd(0.1, 0.01, 10, restarts: 0));
        yield return Case("pgd preset", "preset", () => PgdPresets.Create("paper-typo"));
        yield return Case("deepfool ε < 0", "epsilon", () => _ = new DeepFoolLinf(-1));
        yield return Case("deepfool steps 0", "steps", () => _ = new DeepFoolLinf(0.1, steps: 0));
        yield return Case("deepfool 1 candidate", "candidates", () => _ = new DeepFoolLinf(0.1, candidates: 1));
        yield return Case("deepfool overshoot < 0", "overshoot", () => _ = new DeepFoolLinf(0.1, overshoot: -0.1));
        yield return Case("vga lr 0", "learningRate", () => _ = new VanillaGradientAscent(0));
        yield return Case("vga iterations 0", "iterations", () => _ = new VanillaGradientAscent(1, iterations: 0));
        yield return Case("fd σ 0", "sigma", () => _ = new FiniteDifferencePgd(0.1, 0.01, 10, SampleSchedule.Tramer, sigma: 0));
        yield return Case("fd steps 0", "steps", () => _ = new FiniteDifferencePgd(0.1, 0.01, 0, SampleSchedule.Tramer));
        yield return Case("fd chunk 1", "chunkInputs", () => _ = new FiniteDifferencePgd(0.1, 0.01, 10, SampleSchedule.Tramer, chunkInputs: 1));
        yield return Case("schedule not from 0", "stages", () => _ = new SampleSchedule((1, 100)));
        yield return Case("schedule 1 sample", "stages", () => _ = new SampleSchedule((0, 1)));
        yield return Case("schedule not increasing", "stages", () => _ = new SampleSchedule((0, 10), (5, 10), (5, 20)));
        yield return Case("apgd iterations 0", "iterations", () => _ = new ApgdUntargeted(0.1, iterations: 0));
        yield return Case("apgd restarts 0", "restarts", () => _ = new ApgdUntargeted(0.1, restarts: 0));
        yield return Case("apgd ρ 0", "rho", () => _ = new ApgdUntargeted(0.1, rho: 0));
        yield return Case("apgd ρ > 1", "rho", () => _ = new ApgdTargeted(0.1, rho: 1.5));
        yield return Case("apgd-t 0 targets", "targetClasses", () => _ = new ApgdTargeted(0.1, targetClasses: 0));
        yield return Case("checkpoints for 0 iterations", "iterations", () => ApgdCheckpoints.For(0));
        yield return Case("square queries 0", "queries", () => _ = new SquareAttack(0.1, queries: 0));
        yield return Case("square p_init 0", "initialFraction", () => _ = new SquareAttack(0.1, initialFraction: 0));
        yield return Case("ensemble without members", "members", () => _ = new AutoAttackEnsemble([]));
        yield return Case("ensemble with two ε", "members",
                          () => _ = new AutoAttackEnsemble([new ApgdUntargeted(0.1), new SquareAttack(0.2)]));
        yield return Case("autoattack preset", "preset", () => AttackCatalog.Create("autoattack", "plus", new AttackOptions()));
        yield return Case("catalog attack", "attack", () => AttackCatalog.Create("pgd2", null, new AttackOptions()));
        yield return Case("catalog preset", "preset", () => AttackCatalog.Create("deepfool", "tramer", new AttackOptions()));
        yield return Case("vga with ε", "options", () => AttackCatalog.Create("vga", null, new AttackOptions(Epsilon: 0.1)));
        yield return Case("transfer without source", "options", () => AttackCatalog.Create("transfer", null, new AttackOptions()));
    }

    [TestCaseSource(nameof(InvalidSettings))]
    public void Invalid_settings_throw_naming_the_parameter(Action create, string parameter) =>
        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);

    static IEnumerable<TestCaseData> InvalidBatches()
    {
        TestCaseData Case(string name, string parameter, Func<(Tensor X, Tensor Y)> batch) => new TestCaseData(batch, parameter).SetArgDisplayNames(name);
        yield return Case("value above 1", "x", () => (full(2, 5, 1.5f), zeros(2, dtype: ScalarType.Int64)));
        yield return Case("value below 0", "x", () => (full(2, 5, -0.01f), zeros(2, dtype: ScalarType.Int64)));
        yield return Case("integer images", "x", () => (zeros(2, 5, dtype: ScalarType.Int64), zeros(2, dtype: ScalarType.Int64)));
        yield return Case("more labels than images", "y", () => (full(2, 5, 0.5f), zeros(3, dtype: ScalarType.Int64)));
        yield return Case("float labels", "y", () => (full(2, 5, 0.5f), zeros(2)));
    }

    [TestCaseSource(nameof(InvalidBatches))]
    public void Invalid_batches_throw_naming_the_parameter(Func<(Tensor X, Tensor Y)> batch, string parameter)
    {
        using var model = RandomModels.Mlp(seed: 63, inputs: 5, hidden: 8, classes: 3);
        using var scope = NewDisposeScope();
        var (x, y) = batch();
        Attack[] attacks = [new Fgsm(0.1), new LinfPgd(0.1, 0.01, 2), new DeepFoolLinf(0.1), new VanillaGradientAscent(1),
                            FiniteDifferencePgd.Fast()];
        foreach (var attack in attacks)
            attack.Invoking(a => a.Perturb(model, x, y)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter, attack.Name);
    }

    [Test]
    public void Survivor_masks_images_and_class_counts_are_checked_when_attacking()
    {
        using var threeClasses = RandomModels.Mlp(seed: 63, inputs: 5, hidden: 8, classes: 3);
        using var scope = NewDisposeScope();
        var x = full(2, 5, 0.5f);
        Tensor y;
        using (no_grad()) y = threeClasses.forward(x).argmax(1);
        new ApgdUntargeted(0.1).Invoking(a => a.PerturbSurvivors(threeClasses, x, y, ones(3, dtype: ScalarType.Bool)))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("survivors");
        new ApgdTargeted(0.1, iterations: 1).Invoking(a => a.Perturb(threeClasses, x, y))
            .Should().Throw<ArgumentException>("targeted DLR needs four classes").Which.ParamName.Should().Be("logits");
        new SquareAttack(0.1, queries: 1).Invoking(a => a.Perturb(threeClasses, x, y))
            .Should().Throw<ArgumentException>("Square needs (B, C, H, W) images").Which.ParamName.Should().Be("x");
    }

    [Test]
    public void Targeted_and_evaluation_arguments_are_checked_too()
    {
        using var model = RandomModels.Mlp(seed: 63, inputs: 5, hidden: 8, classes: 3);
        using var scope = NewDisposeScope();
        var x = full(2, 5, 0.5f);
        var y = zeros(2, dtype: ScalarType.Int64);
        new VanillaGradientAscent(1).Invoking(v => v.PerturbTowards(model, x, y, zeros(3, dtype: ScalarType.Int64)))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("target");
        FluentActions.Invoking(() => RobustAccuracy.Evaluate(model, new Fgsm(0.1), TestData.Mnist.Take(2), batchSize: 0))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("batchSize");
    }
}
