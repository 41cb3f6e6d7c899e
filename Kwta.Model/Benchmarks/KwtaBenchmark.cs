using System.Diagnostics;
using Kwta.Model.Activations;
using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Benchmarks;

/// <summary>
/// Times ReLU against every k-WTA kernel on ResNet18-w16 in one run: the activation op alone on the
/// activation shapes of stages 1–4 and on all 16 slots of one forward pass, a training step, inference
/// and a PGD step. Each repetition runs the variants back to back, in an order rotated every repetition,
/// so load from other processes hits them alike and the ratios stay comparable on a busy machine.
/// </summary>
public static class KwtaBenchmark
{
    public const string Architecture = "resnet18-w16";

    /// <summary>The names of the workloads the overhead claim (C5) reads.</summary>
    public const string TrainStep = "train step (forward + backward + SGD)", Inference = "inference (eval, no_grad)";

    /// <summary>PGD's L∞ budget and step on [0, 1] images, as in the paper's CIFAR-10 attacks.</summary>
    const float Epsilon = 8f / 255, StepSize = 2f / 255;

    /// <summary>A single activation call lasts 0.05–5 ms, short enough for one page fault burst or one
    /// preemption to swamp it; each timed sample of a per-stage op runs it this many times.</summary>
    public const int OpCallsPerSample = 5;

    public static IReadOnlyList<BenchmarkRow> Run(BenchmarkSettings settings, Action<BenchmarkRow>? onRow = null)
    {
        settings.Validate();
        manual_seed(settings.Seed);
        using var scope = NewDisposeScope();
        using var model = (ResNet18)ModelRegistry.Create(Architecture, ActivationSpec.Relu);
        return MeasureAll(Workloads(model, settings.Batch), settings, onRow);
    }

    /// <summary>Each workload under every variant, at <see cref="BenchmarkSettings.Threads"/> threads (restored afterwards).</summary>
    internal static IReadOnlyList<BenchmarkRow> MeasureAll(IEnumerable<Workload> workloads, BenchmarkSettings settings, Action<BenchmarkRow>? onRow)
    {
        int previousThreads = get_num_threads();
        set_num_threads(settings.Threads);
        try
        {
            var variants = BenchmarkVariant.All(settings.Sparsity);
            var rows = new List<BenchmarkRow>();
            foreach (var workload in workloads)
            {
                var row = Measure(workload, variants, settings);
                rows.Add(row);
                onRow?.Invoke(row);
            }
            return rows;
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    static BenchmarkRow Measure(Workload workload, IReadOnlyList<BenchmarkVariant> variants, BenchmarkSettings settings)
    {
        var samples = variants.ToDictionary(v => v, _ => new List<double>());
        for (int round = 0; round < settings.Warmup + settings.Repeats; round++)
        {
            // Rotating the order spreads "who runs first" (a cold cache, the allocator's state) over all variants.
            int first = round % variants.Count;
            foreach (var variant in variants.Skip(first).Concat(variants.Take(first)))
            {
                workload.Prepare(variant);
                double milliseconds = Time(workload.Run) / workload.Calls;
                if (round >= settings.Warmup) samples[variant].Add(milliseconds);
            }
        }
        return new BenchmarkRow(workload.Name, workload.Input, [.. variants.Select(v => (v, new Timing(samples[v])))]);
    }

    static double Time(Action run)
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalMilliseconds;
    }

    static IEnumerable<Workload> Workloads(ResNet18 model, long batch)
    {
        var shapes = model.ActivationShapes(batch);
        using var layer = new ActivationLayer(ActivationSpec.Relu);
        void UseInLayer(BenchmarkVariant v)
        {
            layer.Spec = v.Activation;
            layer.Kernel = v.Kernel;
        }
        foreach (var (shape, stage) in shapes.DistinctBy(Describe).Select((s, i) => (s, i + 1)))
        {
            var x = randn(shape);
            yield return new($"activation op, stage {stage}", Describe(shape), UseInLayer, () =>
            {
                for (int call = 0; call < OpCallsPerSample; call++) layer.forward(x);
            }, OpCallsPerSample);
        }
        var slotInputs = shapes.Select(s => randn(s)).ToList();
        yield return new($"activation op, all {shapes.Count} slots", "one forward's slot inputs", UseInLayer,
                         () => slotInputs.ForEach(x => layer.forward(x)));

        var images = rand(batch, 3, 32, 32);
        var labels = randint(0, 10, [batch]);
        var imagesInput = Describe(images.shape);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.01);
        void UseInModel(BenchmarkVariant v, bool training)
        {
            ActivationSwap.SwapAll(model, v.Activation);
            ActivationSwap.SetKernel(model, v.Kernel);
            model.train(training);
        }
        yield return new(TrainStep, imagesInput, v => UseInModel(v, training: true), () =>
        {
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(images), labels).backward();
            optimizer.step();
        });
        yield return new(Inference, imagesInput, v => UseInModel(v, training: false), () =>
        {
            using var noGrad = no_grad();
            model.forward(images);
        });
        yield return new("PGD step (forward + input gradient)", imagesInput, v => UseInModel(v, training: false), () =>
        {
            var x = images.detach().requires_grad_(true);
            var loss = nn.functional.cross_entropy(model.forward(x), labels);
            var gradient = autograd.grad([loss], [x])[0];
            using var noGrad = no_grad();
            (x + StepSize * gradient.sign()).clamp(images - Epsilon, images + Epsilon).clamp(0, 1);
        });
    }

    static string Describe(long[] shape) => string.Join("×", shape);
}
