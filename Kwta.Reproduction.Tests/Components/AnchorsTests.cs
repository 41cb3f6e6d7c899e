using Kwta.Model.Activations;
using Kwta.Model.Families;
using Kwta.Model.Published;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The published numbers come from expected/anchors.json, each with its source.</summary>
public class AnchorsTests
{
    [Test]
    public void Every_anchor_names_its_source_and_ids_are_unique() =>
        Anchors.All.Should().NotBeEmpty().And.OnlyContain(a => a.Source.Length > 10 && double.IsFinite(a.Value));

    [Test]
    public void The_student_tables_reach_the_result_tables()
    {
        ModelFamily.ResNet18.Published[ModelFamily.KwtaGamma01].Select(n => (n.Column, n.Publisher, n.AnchorId)).Should().Equal(
            (ResultColumn.Clean, "seed", "seed.resnet18.kwta-0.1.clean"), (ResultColumn.Vga, "seed", "seed.resnet18.kwta-0.1.vga"),
            (ResultColumn.Pgd, "seed", "seed.resnet18.kwta-0.1.pgd"), (ResultColumn.DeepFool, "seed", "seed.resnet18.kwta-0.1.deepfool"),
            (ResultColumn.Pgd, "paper", "paper.resnet18.kwta-0.1.pgd"));
        ModelFamily.AlexNet.Published[ActivationSpec.Relu].Should().NotContain(n => n.Publisher == "paper", "the paper has no AlexNet");
        ModelFamily.Mnist.Published.Should().BeEmpty();
    }

    [Test]
    public void An_unknown_anchor_is_an_error_naming_it() =>
        FluentActions.Invoking(() => Anchors.Value("seed.vgg.relu.clean")).Should().Throw<KeyNotFoundException>().WithMessage("*seed.vgg.relu.clean*");
}
