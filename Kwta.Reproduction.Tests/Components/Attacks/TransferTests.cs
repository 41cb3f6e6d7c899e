using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Evaluation;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

public class TransferTests
{
    [Test]
    public void Transfer_crafts_on_the_source_model_only_and_equals_PGD_on_the_source()
    {
        using var source = TinyTrainedModels.MnistMlp();
        using var target = new RecordingModel(TinyTrainedModels.MnistMlp(ActivationSpec.Kwta(0.5)));
        using var scope = NewDisposeScope();
        var (x, y) = TinyTrainedModels.HeldOutMnist.Range(0, 32);

        var transferred = new TransferAttack(source, new LinfPgd(0.2, 0.02, 20, seed: 5)).Perturb(target, x, y);

        target.Calls.Should().BeEmpty();
        transferred.BitIdenticalTo(new LinfPgd(0.2, 0.02, 20, seed: 5).Perturb(source, x, y)).Should().BeTrue();
    }

    [Test]
    public void A_reused_transfer_attack_crafts_each_batch_once_and_returns_the_same_images()
    {
        using var source = new RecordingModel(TinyTrainedModels.MnistMlp());
        using var target = TinyTrainedModels.MnistMlp(ActivationSpec.Kwta(0.5));
        using var scope = NewDisposeScope();
        var (x, y) = TinyTrainedModels.HeldOutMnist.Range(0, 32);
        var (otherX, otherY) = TinyTrainedModels.HeldOutMnist.Range(32, 32);
        var transfer = new TransferAttack(source, new LinfPgd(0.2, 0.02, 5, seed: 5));

        var first = transfer.Perturb(target, x, y);
        int callsToCraft = source.Calls.Count;
        var again = transfer.Perturb(target, x, y);
        source.Calls.Count.Should().Be(callsToCraft, "the batch was crafted already");
        again.BitIdenticalTo(first).Should().BeTrue();

        transfer.Perturb(target, otherX, otherY);
        source.Calls.Count.Should().Be(2 * callsToCraft, "a different batch is crafted anew");
    }

    [Test]
    public void Adversarials_of_the_ReLU_twin_transfer_to_its_k_WTA_version()
    {
        using var relu = TinyTrainedModels.MnistMlp();
        using var kwta = TinyTrainedModels.MnistMlp(ActivationSpec.Kwta(0.5));
        var report = RobustAccuracy.Evaluate(kwta, new TransferAttack(relu, new LinfPgd(0.3, 0.01, 40, seed: 6)),
                                             TinyTrainedModels.HeldOutMnist.Take(100), batchSize: 100);
        report.CleanAccuracy.Should().BeGreaterThan(0.7, "k-WTA 0.5 on ReLU weights keeps most of the accuracy");
        report.RobustAccuracy.Should().BeLessThan(report.CleanAccuracy / 2);
    }
}
