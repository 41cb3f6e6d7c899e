using System.Diagnostics;
using System.Globalization;
using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Benchmarks;
using Kwta.Model.Families;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Runtime;
using Kwta.Reproduction.Tests.Support;
using static TorchSharp.torch;

namespace Kwta.Reproduction.Tests.Benchmarks;

/// <summary>
/// Issue 17's op-level measurement: the ops a PGD step is made of, timed on the shipped resnet18-w16 ReLU model and one
/// batch of fixture images, each op once per round in a rotated order, so load from other processes hits them alike.
/// Whole-model ops (forward, forward + input gradient, one PGD step through <see cref="LinfPgd"/>) and each layer type
/// summed over its layers in one forward pass, on the inputs the pass gives them. bench/peer/ops.py times the same ops
/// in PyTorch and bench/peer/ops.sh sets both side by side. Explicit: `dotnet test` never runs it, and no speed is asserted.
/// Environment: KWTA_OP_TIMINGS, the CSV file to write (default: the test output); KWTA_OP_ROUNDS, timed rounds (default 5).
/// </summary>
[Explicit("a benchmark, run by bench/peer/ops.sh"), Category("Benchmark")]
public class PeerOpTimings
{
    const int DefaultRounds = 5;

    [Test]
    public void Times_the_ops_of_a_PGD_step_on_the_shipped_ReLU_model()
    {
        int batch = new BenchmarkSettings().Batch;
        int rounds = int.Parse(Environment.GetEnvironmentVariable("KWTA_OP_ROUNDS") ?? DefaultRounds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        using var model = (ResNet18)ModelFile.LoadShipped(ModelFamily.ResNet18.ModelName(ActivationSpec.Relu), RepositoryLayout.Models);
        using var scope = NewDisposeScope();
        var (x, y) = TestData.Cifar10.Range(0, batch);
        var paper = PgdPresets.Create("paper");
        var pgdStep = new LinfPgd(paper.Epsilon, paper.StepSize, steps: 1, randomStart: false);
        var layers = new ResNetLayerInputs(model, x);
        using (no_grad()) layers.Logits.eq(model.forward(x)).all().item<bool>().Should().BeTrue("the replayed pass must be the model's, bit for bit");
        manual_seed(0);
        var convolutions = layers.Convolutions.Select(c => Recorded(input => c.Layer.forward(input), c.Input)).ToList();
        var batchNorms = layers.BatchNorms.Select(b => Recorded(input => b.Layer.forward(input), b.Input)).ToList();
        var relus = layers.Relus.Select(input => Recorded(leaf => nn.functional.relu(leaf), input)).ToList();
        // The folded form attacks run on: each convolution with its batch norm (they come in pairs, in order), on
        // channels-last inputs, as the form's own convolutions hand them on.
        using var folded = FoldedModel.Of(model);
        var foldedLayers = layers.Convolutions.Zip(layers.BatchNorms, (c, b) => (Layer: new FoldedConvolution(c.Layer, b.Layer), Input: FoldedConvolution.ChannelsLast(c.Input))).ToList();
        var foldedConvolutions = foldedLayers.Select(c => Recorded(c.Layer.forward, c.Input)).ToList();

        (string Name, Action Run)[] ops =
        [
            ("forward (no_grad)", () => { using var noGrad = no_grad(); model.forward(x); }),
            ("forward (recording the graph)", () => model.forward(x.detach().requires_grad_(true))),
            ("forward + input gradient", () =>
            {
                var leaf = x.detach().requires_grad_(true);
                autograd.grad([nn.functional.cross_entropy(model.forward(leaf), y, reduction: nn.Reduction.Sum)], [leaf]);
            }),
            ("PGD step (forward + input gradient + signed step + projection)", () => pgdStep.Perturb(model, x, y)),
            ($"conv2d forward, {convolutions.Count} layers", () => ForwardEach(layers.Convolutions.Select(c => (Func<Tensor>)(() => c.Layer.forward(c.Input))))),
            ($"conv2d backward to the input, {convolutions.Count} layers", () => BackwardEach(convolutions)),
            ($"batch norm (eval) forward, {batchNorms.Count} layers", () => ForwardEach(layers.BatchNorms.Select(b => (Func<Tensor>)(() => b.Layer.forward(b.Input))))),
            ($"batch norm (eval) backward to the input, {batchNorms.Count} layers", () => BackwardEach(batchNorms)),
            ($"relu forward, {relus.Count} layers", () => ForwardEach(layers.Relus.Select(input => (Func<Tensor>)(() => nn.functional.relu(input))))),
            ($"relu backward, {relus.Count} layers", () => BackwardEach(relus)),
            (Folded("forward (no_grad)"), () => { using var noGrad = no_grad(); folded.forward(x); }),
            (Folded("forward + input gradient"), () =>
            {
                var leaf = x.detach().requires_grad_(true);
                autograd.grad([nn.functional.cross_entropy(folded.forward(leaf), y, reduction: nn.Reduction.Sum)], [leaf]);
            }),
            (Folded("PGD step (forward + input gradient + signed step + projection)"), () => pgdStep.Perturb(folded, x, y)),
            (Folded($"conv2d forward, {convolutions.Count} layers"), () => ForwardEach(foldedLayers.Select(c => (Func<Tensor>)(() => c.Layer.forward(c.Input))))),
            (Folded($"conv2d backward to the input, {convolutions.Count} layers"), () => BackwardEach(foldedConvolutions)),
        ];

        var csv = new List<string> { $"# numerics: {PinnedNumerics.Describe()}", $"# batch: {batch}", $"# pgd step: {pgdStep}", "op,round,ms,cpu_ms,minor_faults" };
        // Round 0 is the cold one (the first calls build oneDNN's kernels and JIT-compile ours): written as "cold", left out of the medians.
        for (int round = 0; round <= rounds; round++)
        {
            int first = round % ops.Length;
            foreach (var (name, run) in ops.Skip(first).Concat(ops.Take(first)))
            {
                var (milliseconds, cpuMilliseconds, faults) = Time(run);
                csv.Add(string.Join(",", $"\"{name}\"", round == 0 ? "cold" : round.ToString(CultureInfo.InvariantCulture),
                                    milliseconds.ToString("F3", CultureInfo.InvariantCulture), cpuMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
                                    faults.ToString(CultureInfo.InvariantCulture)));
            }
        }
        if (Environment.GetEnvironmentVariable("KWTA_OP_TIMINGS") is { } path) File.WriteAllLines(path, csv);
        else csv.ForEach(TestContext.Out.WriteLine);
    }

    /// <summary>An op on the folded form: bench/peer/op_ratios.py sets it against the peer's op of the name after the prefix,
    /// which runs the model as trained (its convolutions then exclude the batch norms folded into ours).</summary>
    static string Folded(string op) => FoldedPrefix + op;

    const string FoldedPrefix = "folded: ";

    /// <summary>A layer's output on a leaf copy of its input, the graph kept, and a fixed output gradient: what
    /// <see cref="BackwardEach"/> sends back through the layer alone.</summary>
    static (Tensor Output, Tensor Input, Tensor OutputGradient) Recorded(Func<Tensor, Tensor> layer, Tensor input)
    {
        var leaf = input.detach().requires_grad_(true);
        var output = layer(leaf);
        return (output, leaf, randn_like(output));
    }

    // Each result is disposed at once, as Python frees a result nobody holds: the next layer then writes into the
    // buffer the allocator just got back (still in cache), on both sides alike.
    static void ForwardEach(IEnumerable<Func<Tensor>> layers)
    {
        using var noGrad = no_grad();
        foreach (var layer in layers) layer().Dispose();
    }

    static void BackwardEach(IEnumerable<(Tensor Output, Tensor Input, Tensor OutputGradient)> recorded)
    {
        foreach (var (output, input, outputGradient) in recorded)
            autograd.grad([output], [input], [outputGradient], retain_graph: true)[0].Dispose();
    }

    static (double Milliseconds, double CpuMilliseconds, long Faults) Time(Action run)
    {
        using var scope = NewDisposeScope();
        var (cpu, faults) = ProcessUsage.SoFar();
        var watch = Stopwatch.StartNew();
        run();
        double milliseconds = watch.Elapsed.TotalMilliseconds;
        var (cpuAfter, faultsAfter) = ProcessUsage.SoFar();
        return (milliseconds, cpuAfter - cpu, faultsAfter - faults);
    }
}
