using System.CommandLine;
using System.Diagnostics;
using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta attack</c>: clean and robust accuracy of one model under one attack, with a per-sample CSV.</summary>
static class AttackCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "A shipped model name (models.json) or ARCH:ACTIVATION, e.g. resnet18-w16:kwta-0.2, for an untrained seeded model.",
            Required = true,
        };
        var attack = new Option<string>("--attack")
        {
            Description = $"One of: {string.Join(", ", AttackCatalog.Presets.Keys)}.",
            Required = true,
        };
        var preset = new Option<string?>("--preset")
        {
            Description = "Attack settings; " + string.Join("; ", AttackCatalog.Presets.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")) +
                          " (first is the default). See README, Attacks.",
        };
        var count = new Option<int>("--n") { Description = "Number of test images (the first N).", DefaultValueFactory = _ => 100 };
        var epsilon = new Option<double?>("--eps") { Description = "L∞ radius; overrides the preset's (0.031)." };
        var batch = new Option<int>("--batch") { Description = "Images per batch.", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seeds the random starts and an untrained model's initialisation.", DefaultValueFactory = _ => 0 };
        var data = CommonOptions.Data(required: false);
        data.Description = "Attack the official test set in this folder instead of the fixtures (see docs/models.md, section Data).";
        var output = new Option<FileInfo?>("--output") { Description = "Write the per-sample results to this CSV file." };
        var source = new Option<string?>("--source") { Description = "transfer: the model to craft on (default: the ReLU twin of --model)." };
        var surrogate = new Option<KwtaBackward>("--surrogate")
        {
            Description = $"bpda: the k-WTA backward used while attacking ({string.Join(", ", Enum.GetNames<KwtaBackward>())}).",
            DefaultValueFactory = _ => KwtaBackward.Relu,
        };
        var models = CommonOptions.Models();
        var fixtures = CommonOptions.Fixtures();
        var forward = CommonOptions.Forward(ForwardPaths.Name(ForwardPaths.Default),
                                            "the form of the models the attack runs on, folded (faster) or as trained (see docs/attacks.md, Throughput).");
        var command = new Command("attack", "Attack a model and report clean and robust accuracy.")
        {
            model, attack, preset, count, epsilon, batch, seed, data, output, source, surrogate, models, fixtures, forward,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PinnedNumerics.Apply(); // before libtorch's first operation
            // Every input and the output path are checked before the attack, which may run for hours.
            int imageCount = parse.GetValue(count);
            if (imageCount < 1) throw new ArgumentException($"--n must be ≥ 1; got {imageCount}.");
            int batchSize = parse.GetValue(batch);
            if (batchSize < 1) throw new ArgumentException($"--batch must be ≥ 1; got {batchSize}.");
            var csv = parse.GetValue(output) is { } file ? OutputPath.CheckFile(file.FullName) : null;
            var form = parse.ForwardPath(forward)!.Value;
            var modelsDirectory = new Lazy<string>(() => parse.ModelsFolder(models));
            var target = ModelArgument.Parse(parse.GetValue(model)!, modelsDirectory);
            long seedValue = parse.GetValue(seed);
            var options = new AttackOptions(
                parse.GetValue(epsilon), seedValue, target.Architecture.InputShape.Aggregate(1L, (a, b) => a * b), parse.GetValue(surrogate),
                () => ForwardPaths.Prepare(LoadTransferSource(parse.GetValue(source), target, modelsDirectory, seedValue), form),
                ThreatModel.For(target.Architecture.Dataset));
            var chosen = OptionErrors.Naming(new Dictionary<string, Option> { ["attack"] = attack, ["preset"] = preset, ["epsilon"] = epsilon },
                                             () => AttackCatalog.Create(parse.GetValue(attack)!, parse.GetValue(preset), options));
            var all = parse.ImageSource(data, fixtures).LoadImages(target.Architecture.Dataset, fixtures);
            if (imageCount > all.Count) throw new ArgumentException($"--n {imageCount}: {all.Source} holds only {all.Count} images.");
            var images = all.Take(imageCount);
            using var network = ForwardPaths.Prepare(target.Load(modelsDirectory, seedValue), form);

            Console.WriteLine($"model: {target}, {ForwardPaths.Name(form)}");
            Console.WriteLine($"attack: {chosen}");
            Console.WriteLine($"images: {images.Count} from {images.Source}");
            long startRss = Environment.WorkingSet;
            var clock = Stopwatch.StartNew();
            var report = RobustAccuracy.Evaluate(network, chosen, images, batchSize, p =>
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"  {p.ImagesDone}/{p.Images} images, robust so far {p.RobustAccuracySoFar:P1}, {clock.Elapsed.TotalSeconds:F0} s, RSS {Environment.WorkingSet >> 20} MB")));
            Print(report, clock.Elapsed);
            if (chosen is AutoAttackEnsemble ensemble)
                Console.WriteLine("broken first by: " + string.Join(", ", ensemble.Members.Select(m => $"{m.Name} {ensemble.BrokenCounts.GetValueOrDefault(m.Name)}")) + " images");
            Console.WriteLine($"memory: RSS {startRss >> 20} MB before the attack, {Environment.WorkingSet >> 20} MB after");
            if (csv is not null)
            {
                AtomicFile.WriteAllText(csv, report.ToCsv());
                Console.WriteLine($"wrote {csv}");
            }
        }));
        return command;
    }

    static nn.Module<Tensor, Tensor> LoadTransferSource(string? name, ModelArgument target, Lazy<string> modelsDirectory, long seed)
    {
        var source = name is null ? target.ReluTwin(modelsDirectory) : ModelArgument.Parse(name, modelsDirectory);
        // A source of another data set would fail deep inside its first layer.
        if (source.Architecture.Dataset != target.Architecture.Dataset)
            throw new ArgumentException($"--source {source.Name} is a {source.Architecture.Dataset.Id()} model, but {target.Name} takes {target.Architecture.Dataset.Id()} images.");
        Console.WriteLine($"transfer source: {source}");
        return source.Load(modelsDirectory, seed);
    }

    static void Print(AttackReport report, TimeSpan elapsed)
    {
        int correct = report.Outcomes.DistinctBy(o => o.Index).Count(o => o.CleanCorrect);
        int robust = report.Outcomes.Count(o => o.Robust);
        string unit = report.Targeted ? "(image, target) pairs" : "images";
        Console.WriteLine(FormattableString.Invariant($"clean accuracy: {report.CleanAccuracy:P2} ({correct}/{report.Images} images)"));
        Console.WriteLine(FormattableString.Invariant($"robust accuracy: {report.RobustAccuracy:P2} ({robust}/{report.Outcomes.Count} {unit})"));
        if (report.TargetReachedRate is { } reached)
            Console.WriteLine(FormattableString.Invariant(
                $"target reached: {reached:P2} ({report.Outcomes.Count(o => o.ReachedTarget)}/{report.Outcomes.Count} {unit})"));
        Console.WriteLine(FormattableString.Invariant(
            $"time: {elapsed.TotalSeconds:F1} s ({report.Images / elapsed.TotalSeconds:F2} images/s)"));
    }
}
