using System.Runtime.Intrinsics;
using Kwta.Model.Activations;
using Kwta.Reproduction.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>The fast k-WTA kernel is exact: its output and gradient are bit-identical to the reference
/// (the paper's topk code) on every activation shape the suite's models produce and on inputs built to
/// break a selection algorithm (ties, signed zeros, denormals, extreme spreads, bad samples). Where the fast kernel
/// cannot run (a CPU without 256-bit SIMD) it falls back to the reference, so the comparisons are inconclusive there.</summary>
public class FastKwtaKernelTests
{
    const int Batch = 3;
    static readonly double[] Sparsities = [0.01, 0.1, 0.2, 0.5, 1.0];

    static readonly (string Model, long[] Shape)[] ActivationShapes =
    [
        ("resnet18-w16", [Batch, 16, 32, 32]), ("resnet18-w16", [Batch, 32, 16, 16]),
        ("resnet18-w16", [Batch, 64, 8, 8]), ("resnet18-w16", [Batch, 128, 4, 4]),
        ("alexnet-cifar", [Batch, 64, 32, 32]), ("alexnet-cifar", [Batch, 128, 16, 16]),
        ("alexnet-cifar", [Batch, 192, 8, 8]), ("alexnet-cifar", [Batch, 128, 8, 8]),
        ("alexnet-cifar", [Batch, 512]), ("alexnet-cifar", [Batch, 256]),
        ("mnist-cnn", [Batch, 32, 28, 28]), ("mnist-cnn", [Batch, 32, 14, 14]),
        ("mnist-cnn", [Batch, 64, 14, 14]), ("mnist-cnn", [Batch, 64, 7, 7]), ("mnist-cnn", [Batch, 256]),
    ];

    static IEnumerable<TestCaseData> ModelShapesAndSparsities() =>
        from s in ActivationShapes
        from gamma in Sparsities
        select new TestCaseData(s.Shape, gamma).SetArgDisplayNames(s.Model, $"[{string.Join(",", s.Shape)}]", $"γ={gamma}");

    [TestCaseSource(nameof(ModelShapesAndSparsities))]
    public void Matches_the_reference_on_random_activations_of_every_model_shape(long[] shape, double gamma)
    {
        using var scope = NewDisposeScope();
        var x = randn(shape) * 2 + 0.3;
        var (output, _) = AssertFastMatchesReference(x, gamma);
        // The comparison is between real selections: every row keeps at least k units (more only on a
        // tie at the threshold) and, below γ = 1, drops some.
        long units = x.numel() / shape[0];
        long k = (long)Math.Floor(gamma * units);
        foreach (var kept in output.ne(0).reshape(shape[0], units).sum(1).data<long>().ToArray())
        {
            kept.Should().BeGreaterThanOrEqualTo(k);
            if (gamma < 1) kept.Should().BeLessThan(units);
        }
    }

    static IEnumerable<TestCaseData> AdversarialInputs()
    {
        yield return Case("all-equal rows, one constant per row", () => tensor(new float[] { 1.5f, 0f, -2f, 7f }).reshape(4, 1).expand(4, 300).contiguous());
        yield return Case("all rows equal to +0", () => zeros(3, 16, 8, 8));
        yield return Case("many ties at the threshold", () => randint(0, 4, [5, 32, 8, 8]).to_type(ScalarType.Float32) - 1);
        yield return Case("two values only", () => randint(0, 2, [4, 1000]).to_type(ScalarType.Float32) * 3 - 1);
        yield return Case("negative-only rows", () => -rand(4, 64, 4, 4) - 0.25);
        yield return Case("±0.0 mixed with a few ±1", () => SignedZerosAndOnes([4, 517]));
        yield return Case("only ±0.0", () => SignedZerosAndOnes([3, 256], onesFraction: 0));
        yield return Case("denormals around zero", () => randn(4, 16, 8, 8) * 1e-39f * rand(4, 16, 8, 8).lt(0.9).to_type(ScalarType.Float32));
        yield return Case("smallest denormals and zeros", () => randint(-3, 4, [4, 333]).to_type(ScalarType.Float32) * float.Epsilon);
        yield return Case("huge and tiny magnitudes", () => randn(4, 1000) * tensor(new float[] { 5e37f, 1f, 1e-30f, 3e-45f }).reshape(4, 1));
        yield return Case("powers of two from 2^-126 to 2^127", () => PowersOfTwo([4, 2048]));
        yield return Case("ascending rows", () => arange(0, 4 * 4096, dtype: ScalarType.Float32).reshape(4, 4096));
        yield return Case("descending rows", () => arange(4 * 4096, 0, -1, dtype: ScalarType.Float32).reshape(4, 4096));
        yield return Case("sampled positions hold outliers", () => SampleTrap([4, 16, 32, 32]));
        yield return Case("rows shorter than the sample", () => randn(6, 20));
        yield return Case("rows short enough to be sorted outright", () => randn(7, 9));
        yield return Case("row length not a multiple of the vector width", () => randn(5, 1001));
        yield return Case("large batch of 1024 rows", () => randn(1024, 128, 4, 4));
    }

    static TestCaseData Case(string name, Func<Tensor> input) => new TestCaseData(input).SetArgDisplayNames(name);

    [TestCaseSource(nameof(AdversarialInputs))]
    public void Matches_the_reference_on_adversarial_inputs(Func<Tensor> input)
    {
        using var scope = NewDisposeScope();
        var x = input();
        foreach (var gamma in Sparsities.Where(g => Math.Floor(g * (x.numel() / x.shape[0])) >= 1))
            AssertFastMatchesReference(x, gamma);
    }

    [TestCase(float.NaN, 0, 5)]
    [TestCase(float.NaN, 1023, 2047)]
    [TestCase(float.NaN, 4, 1000)]
    [TestCase(float.PositiveInfinity, 2, 17)]
    [TestCase(float.NegativeInfinity, 511, 0)]
    public void Non_finite_input_throws_the_same_exception_in_both_kernels(float bad, int row, int column)
    {
        using var scope = NewDisposeScope();
        var x = randn(1024, 2048);
        x[row, column] = bad;
        AssumeTheFastKernelRunsOn(x);
        var reference = Thrown(() => KWinnersTakeAll.Forward(x, 0.2, KwtaKernel.Reference));
        var fast = Thrown(() => KWinnersTakeAll.Forward(x, 0.2, KwtaKernel.Fast));
        reference.Should().BeOfType<ArgumentException>();
        reference.Message.Should().Contain("NaN");
        fast.Should().BeOfType<ArgumentException>();
        fast.Message.Should().Be(reference.Message);
        ((ArgumentException)fast).ParamName.Should().Be(((ArgumentException)reference).ParamName);
    }

    [Test]
    public void Inference_without_gradient_matches_the_reference()
    {
        using var scope = NewDisposeScope();
        var x = randn(8, 32, 16, 16);
        AssumeTheFastKernelRunsOn(x);
        using var noGrad = no_grad();
        KWinnersTakeAll.Forward(x, 0.1, KwtaKernel.Fast)
            .BitIdenticalTo(KWinnersTakeAll.Forward(x, 0.1, KwtaKernel.Reference)).Should().BeTrue();
    }

    [Test]
    public void Non_contiguous_input_matches_the_reference()
    {
        using var scope = NewDisposeScope();
        var x = randn(16, 16, 4, 3).permute(3, 1, 2, 0);
        x.is_contiguous().Should().BeFalse();
        AssertFastMatchesReference(x, 0.2);
    }

    [Test]
    public void Channels_last_input_matches_the_reference_and_runs_without_a_copy()
    {
        using var scope = NewDisposeScope();
        // Rounded, so rows have ties at the threshold, which every order of a row must keep alike.
        var x = randn(8, 16, 6, 5).mul_(3).round_();
        var channelsLast = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        channelsLast.is_contiguous().Should().BeFalse();
        AssertFastMatchesReference(channelsLast, 0.2);
        KWinnersTakeAll.Forward(channelsLast, 0.2).stride().Should().Equal(channelsLast.stride(), "the output keeps the input's layout");
    }

    [Test]
    public void A_retained_graph_gives_the_same_gradient_on_every_backward()
    {
        using var scope = NewDisposeScope();
        var x = randn(4, 16, 8, 8).requires_grad_(true);
        AssumeTheFastKernelRunsOn(x);
        var upstream = randn(4, 16, 8, 8);
        var y = KWinnersTakeAll.Forward(x, 0.2, KwtaKernel.Fast);
        var first = autograd.grad([y], [x], [upstream], retain_graph: true)[0];
        var second = autograd.grad([y], [x], [upstream])[0];
        second.BitIdenticalTo(first).Should().BeTrue();
        var (_, reference) = RunWithGradient(KwtaKernel.Reference, x.detach(), 0.2, KwtaBackward.Exact, upstream);
        first.BitIdenticalTo(reference).Should().BeTrue();
    }

    [Test]
    public void Float32_input_takes_the_fast_path_on_a_CPU_with_256_bit_SIMD_and_the_reference_path_elsewhere()
    {
        using var scope = NewDisposeScope();
        KWinnersTakeAll.KernelThatRuns(randn(4, 64, 8, 8), KwtaKernel.Fast)
            .Should().Be(Vector256.IsHardwareAccelerated ? KwtaKernel.Fast : KwtaKernel.Reference);
    }

    [Test]
    public void Float64_input_takes_the_reference_path_on_every_CPU()
    {
        using var scope = NewDisposeScope();
        KWinnersTakeAll.KernelThatRuns(randn(4, 64, 8, 8, dtype: ScalarType.Float64), KwtaKernel.Fast)
            .Should().Be(KwtaKernel.Reference);
    }

    [TestCase(KwtaBackward.Identity)]
    [TestCase(KwtaBackward.Relu)]
    public void Surrogate_gradients_match_the_reference(KwtaBackward backward)
    {
        using var scope = NewDisposeScope();
        AssertFastMatchesReference(randn(4, 32, 16, 16), 0.1, backward);
    }

    [Test]
    public void The_default_kernel_is_fast()
    {
        // Both kernels give bit-identical results by design, so outputs cannot tell them apart: check the defaults themselves.
        new ActivationLayer(ActivationSpec.Kwta(0.2)).Kernel.Should().Be(KwtaKernel.Fast);
        var kernelParameter = typeof(KWinnersTakeAll).GetMethod(nameof(KWinnersTakeAll.Forward))!.GetParameters().Single(p => p.ParameterType == typeof(KwtaKernel));
        kernelParameter.DefaultValue.Should().Be(KwtaKernel.Fast);
    }

    /// <summary>Runs both kernels forward and backward (with the same random upstream gradient, which has
    /// both signs) and requires bit-identical outputs and input gradients. Returns the reference's.</summary>
    static (Tensor Output, Tensor Gradient) AssertFastMatchesReference(Tensor x, double gamma, KwtaBackward backward = KwtaBackward.Exact)
    {
        AssumeTheFastKernelRunsOn(x);
        var upstream = randn(x.shape, dtype: x.dtype);
        var (referenceOutput, referenceGradient) = RunWithGradient(KwtaKernel.Reference, x, gamma, backward, upstream);
        var (fastOutput, fastGradient) = RunWithGradient(KwtaKernel.Fast, x, gamma, backward, upstream);
        fastOutput.BitIdenticalTo(referenceOutput).Should().BeTrue($"the fast output must equal the reference bit for bit (γ={gamma})");
        fastGradient.BitIdenticalTo(referenceGradient).Should().BeTrue($"the fast gradient must equal the reference bit for bit (γ={gamma})");
        return (referenceOutput, referenceGradient);
    }

    /// <summary>Where the fast kernel cannot run, asking for it runs the reference, and a comparison would compare
    /// the reference with itself: the test is then inconclusive, not passed.</summary>
    static void AssumeTheFastKernelRunsOn(Tensor x) =>
        Assume.That(KWinnersTakeAll.KernelThatRuns(x, KwtaKernel.Fast), Is.EqualTo(KwtaKernel.Fast),
                    "the fast k-WTA kernel cannot run on this input on this CPU");

    static (Tensor Output, Tensor Gradient) RunWithGradient(KwtaKernel kernel, Tensor x, double gamma, KwtaBackward backward, Tensor upstream)
    {
        var input = x.detach().requires_grad_(true);
        // A view of the input, as in a network, so the gradient flows through the op into a leaf.
        var output = KWinnersTakeAll.Forward(input.view(x.shape), gamma, kernel, backward);
        output.backward([upstream]);
        return (output.detach(), input.grad!.detach().clone());
    }

    static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new AssertionException("Expected an exception, none was thrown.");
    }

    static Tensor SignedZerosAndOnes(long[] shape, double onesFraction = 0.05)
    {
        var sign = rand(shape).lt(0.5);
        var magnitude = rand(shape).lt(onesFraction).to_type(ScalarType.Float32);
        return magnitude.where(sign, -magnitude);
    }

    static Tensor PowersOfTwo(long[] shape)
    {
        var exponent = randint(-126, 128, shape).to_type(ScalarType.Float32);
        var sign = rand(shape).lt(0.5).to_type(ScalarType.Float32) * 2 - 1;
        return full_like(exponent, 2f).pow(exponent) * sign;
    }

    /// <summary>Huge values exactly where the kernel samples (every 511th unit of a 16384-unit row) and
    /// small ones elsewhere, so round one's pivots all sit far above the k-th largest.</summary>
    static Tensor SampleTrap(long[] shape)
    {
        var x = rand(shape).reshape(shape[0], -1);
        long units = x.shape[1];
        x.index_fill_(1, arange(0, units, 511), 1e6f);
        return x.reshape(shape);
    }
}
