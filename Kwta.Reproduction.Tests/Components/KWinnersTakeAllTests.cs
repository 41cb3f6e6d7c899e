using Kwta.Reproduction.Tests.Support;
using Kwta.Model.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>"k-WTA keeps the k largest activations of each sample and zeroes the rest" (Xiao et al. 2020, Sec. 3).</summary>
public class KWinnersTakeAllTests
{
    static readonly object[] Shapes =
    [
        new long[] { 4, 16, 32, 32 }, new long[] { 3, 64, 4, 4 }, new long[] { 5, 512 }, new long[] { 2, 70 },
    ];

    [TestCaseSource(nameof(ShapesAndSparsities))]
    public void Keeps_exactly_k_units_per_sample_on_tie_free_input(long[] shape, double gamma)
    {
        using var scope = NewDisposeScope();
        var x = TieFree(shape);
        var y = KWinnersTakeAll.Forward(x, gamma);
        long units = x.numel() / shape[0];
        long k = (long)Math.Floor(gamma * units);
        var kept = y.ne(0).reshape(shape[0], units).sum(1);
        kept.data<long>().ToArray().Should().AllBeEquivalentTo(k);
    }

    static IEnumerable<object[]> ShapesAndSparsities() =>
        from shape in Shapes from gamma in new[] { 0.1, 0.2, 0.5 } select new object[] { shape, gamma };

    [Test]
    public void Kept_units_are_the_largest_and_equal_the_input()
    {
        using var scope = NewDisposeScope();
        var x = TieFree([3, 8, 5, 5]);
        var y = KWinnersTakeAll.Forward(x, 0.2);
        var flatX = x.reshape(3, -1);
        var flatY = y.reshape(3, -1);
        var kept = flatY.ne(0);
        flatY.masked_select(kept).SameAs(flatX.masked_select(kept)).Should().BeTrue();
        var smallestKept = flatX.masked_fill(kept.logical_not(), float.PositiveInfinity).amin(1);
        var largestDropped = flatX.masked_fill(kept, float.NegativeInfinity).amax(1);
        smallestKept.gt(largestDropped).all().item<bool>().Should().BeTrue();
    }

    [Test]
    public void Ties_at_the_threshold_are_all_kept()
    {
        using var scope = NewDisposeScope();
        // k = floor(0.5·6) = 3; the 3rd largest is 2 and three units equal it: all are kept.
        var x = tensor(new float[] { 5, 2, 2, 1, 2, 0 }).reshape(1, 6);
        var y = KWinnersTakeAll.Forward(x, 0.5);
        y.data<float>().ToArray().Should().Equal(5, 2, 2, 0, 2, 0);
    }

    [Test]
    public void Gradient_is_the_winner_mask()
    {
        using var scope = NewDisposeScope();
        var x = TieFree([2, 4, 3, 3]).requires_grad_(true);
        var y = KWinnersTakeAll.Forward(x, 0.3);
        var upstream = randn_like(y);
        y.backward([upstream]);
        var mask = y.detach().ne(0).to_type(ScalarType.Float32);
        x.grad!.SameAs(upstream * mask).Should().BeTrue();
    }

    [Test]
    public void Sparsity_one_is_the_identity_on_positive_and_negative_inputs()
    {
        using var scope = NewDisposeScope();
        var x = randn(4, 3, 5, 5);
        x.lt(0).any().item<bool>().Should().BeTrue("the input must contain negative values for this test to mean anything");
        KWinnersTakeAll.Forward(x, 1.0).SameAs(x).Should().BeTrue();
    }

    [TestCase(0.0)]
    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Sparsity_outside_zero_one_is_rejected_naming_gamma(double gamma)
    {
        using var x = randn(2, 10);
        var act = () => KWinnersTakeAll.Forward(x, gamma);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("γ");
    }

    [Test]
    public void Sparsity_that_keeps_no_unit_is_rejected()
    {
        using var x = randn(2, 5);
        var act = () => KWinnersTakeAll.Forward(x, 0.1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*keeps no unit*");
    }

    [Test]
    public void NaN_input_is_rejected_with_a_clear_message()
    {
        using var x = randn(2, 10);
        x[0, 3] = float.NaN;
        var act = () => KWinnersTakeAll.Forward(x, 0.5);
        act.Should().Throw<ArgumentException>().WithMessage("*NaN*");
    }

    [Test]
    public void Surrogate_backward_modes_leave_the_forward_output_unchanged()
    {
        using var scope = NewDisposeScope();
        var x = TieFree([2, 6, 4, 4]);
        var exact = KWinnersTakeAll.Forward(x, 0.2);
        foreach (var mode in new[] { KwtaBackward.Identity, KwtaBackward.Relu })
            KWinnersTakeAll.Forward(x, 0.2, backward: mode).SameAs(exact).Should().BeTrue($"{mode} must not change the forward pass");
    }

    /// <summary>A random permutation of distinct non-zero values, so the k-th largest is unique.</summary>
    internal static Tensor TieFree(long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        // Offset by ½ so no value is exactly 0: a kept 0 would look dropped.
        return (randperm(n).to_type(ScalarType.Float32) - n / 2f + 0.5f).div(n).reshape(shape);
    }
}
