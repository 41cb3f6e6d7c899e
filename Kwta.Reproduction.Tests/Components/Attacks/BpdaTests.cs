using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components.Attacks;

/// <summary>BPDA differentiates a surrogate of k-WTA but must predict with the real model, and leave it as it was.</summary>
public class BpdaTests
{
    static nn.Module<Tensor, Tensor> KwtaMlp() => RandomModels.Mlp(seed: 31, inputs: 40, hidden: 64, classes: 10, ActivationSpec.Kwta(0.1));

    [TestCase(KwtaBackward.Relu)]
    [TestCase(KwtaBackward.Identity)]
    public void Forward_output_under_a_surrogate_backward_is_bit_identical_to_the_plain_model(KwtaBackward surrogate)
    {
        using var model = KwtaMlp();
        using var scope = NewDisposeScope();
        torch.manual_seed(32);
        var x = rand(16, 40);
        var plain = model.forward(x);
        using (new SurrogateBackward(model, surrogate))
            model.forward(x).BitIdenticalTo(plain).Should().BeTrue();
    }

    [Test]
    public void BPDA_restores_each_layers_exact_backward_afterwards_even_when_the_attack_throws()
    {
        using var model = RandomModels.Mlp(seed: 31, inputs: 40, hidden: 64, classes: 10, ActivationSpec.Kwta(0.1));
        using var twoSlots = nn.Sequential(("first", model), ("second", new ActivationLayer(ActivationSpec.Kwta(0.5))));
        var layers = ActivationSwap.Layers(twoSlots);
        layers[1].Backward = KwtaBackward.Identity;   // a mixed setting, to see that each slot gets its own back
        var before = layers.Select(l => l.Backward).ToList();
        var bpda = new BpdaAttack(new LinfPgd(0.05, 0.01, 3), KwtaBackward.Relu);
        using var scope = NewDisposeScope();
        torch.manual_seed(33);

        bpda.Perturb(twoSlots, rand(4, 40), randint(0, 10, [4]));
        layers.Select(l => l.Backward).Should().Equal(before);

        var wrongWidth = rand(4, 41);   // valid images, but the first Linear layer rejects them mid-attack
        var attack = () => bpda.Perturb(twoSlots, wrongWidth, randint(0, 10, [4]));
        attack.Should().Throw<Exception>();
        layers.Select(l => l.Backward).Should().Equal(before);
    }

    /// <summary>
    /// For Linear(W₁) → k-WTA → Linear(W₂) with the identity as k-WTA's backward, the input gradient of the
    /// cross-entropy is W₁ᵀ·W₂ᵀ·(softmax(l) − onehot(y)), l the real (k-WTA) logits. One PGD step of size ε from x
    /// therefore lands on x + ε·sign of that, projected: BPDA must produce exactly this, and plain PGD must not.
    /// </summary>
    [Test]
    public void BPDA_steps_along_the_surrogate_gradient_while_plain_PGD_follows_the_k_WTA_mask()
    {
        using var model = KwtaMlp();
        using var scope = NewDisposeScope();
        torch.manual_seed(34);
        var x = 0.25 + 0.5 * rand(16, 40);
        var y = randint(0, 10, [16]);
        const double epsilon = 0.05;
        var w1 = ((TorchSharp.Modules.Linear)model.named_children().Single(c => c.name == "fc1").module).weight!.detach();
        var w2 = ((TorchSharp.Modules.Linear)model.named_children().Single(c => c.name == "fc2").module).weight!.detach();
        Tensor logits;
        using (no_grad()) logits = model.forward(x);
        var dLogits = logits.softmax(1) - nn.functional.one_hot(y, 10).to_type(ScalarType.Float32);
        var straightThroughGradient = dLogits.matmul(w2).matmul(w1);
        var expected = (x + epsilon * straightThroughGradient.sign()).clamp(x - epsilon, x + epsilon).clamp(0, 1);

        LinfPgd OneStep() => new(epsilon, stepSize: epsilon, steps: 1, randomStart: false);
        var bpda = new BpdaAttack(OneStep(), KwtaBackward.Identity).Perturb(model, x, y);
        var plain = OneStep().Perturb(model, x, y);

        bpda.allclose(expected, rtol: 0, atol: 1e-6).Should().BeTrue();
        plain.allclose(expected, rtol: 0, atol: 1e-6).Should().BeFalse("k-WTA's own gradient is masked to the winners");
    }
}
