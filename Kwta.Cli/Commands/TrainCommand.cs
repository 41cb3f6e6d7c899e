using System.CommandLine;
using System.Globalization;
using Kwta.Model.Activations;
using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta train</c>: train (or fine-tune with --init) a model, checkpointing every epoch and
/// resuming from the run folder's last checkpoint; with --ship, publish it to models/.</summary>
static class TrainCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Model/run name, e.g. resnet18-w16-relu.", Required = true };
        var arch = new Option<string>("--arch") { Description = "Architecture (see `kwta info`).", Required = true };
        var activation = new Option<string>("--activation") { Description = "relu or kwta-<γ>.", DefaultValueFactory = _ => ActivationSpec.Relu.ToString() };
        var init = new Option<string?>("--init") { Description = "Start from this shipped model's weights, with --activation swapped in (the incremental step)." };
        var data = CommonOptions.Data(required: true);
        var models = CommonOptions.Models();
        var runs = new Option<DirectoryInfo?>("--runs") { Description = "Folder for run checkpoints and logs; the run uses (and locks) RUNS/NAME (default: the repository's runs/)." };
        var defaults = new TrainingOptions();
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => defaults.LearningRate };
        var schedule = new Option<string>("--schedule") { Description = "cosine, constant or step:E1,E2 (×0.1 at each).", DefaultValueFactory = _ => defaults.Schedule.ToString() };
        var momentum = new Option<double>("--momentum") { DefaultValueFactory = _ => defaults.Momentum };
        var weightDecay = new Option<double>("--weight-decay") { DefaultValueFactory = _ => defaults.WeightDecay };
        var clip = new Option<double?>("--clip") { Description = "Clip the gradient norm (the reproduction used 0.5)." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => defaults.Seed };
        var noAugment = new Option<bool>("--no-augment") { Description = "Disable crop+flip augmentation." };
        var trainImages = new Option<int?>("--train-images") { Description = "Use only the first N training images." };
        var threads = CommonOptions.Threads(Environment.ProcessorCount);
        var ship = new Option<bool>("--ship") { Description = "When done, publish weights, manifest entry and log to --models." };
        var recordOnly = new Option<bool>("--record-log") { Description = "When done, copy only the log to models/logs (convergence records)." };
        var gammaSchedule = new Option<string?>("--gamma-schedule") { Description = "Lower k-WTA's γ during training: START:STEP/EVERY:END, e.g. 0.195:-0.005/2:0.1 (the paper's fine-tune); --activation must be kwta-END." };
        var adversarial = new Option<string?>("--adversarial") { Description = $"Adversarial training: replace each batch by adversarial examples of this PGD preset ({string.Join(", ", PgdPresets.Names)}), crafted in eval mode." };
        var adversarialEps = new Option<double?>("--adversarial-eps") { Description = "ε of --adversarial (default: the paper's ε for the architecture's data set)." };

        var command = new Command("train", "Train a model; resumes from the run folder's last checkpoint.")
        {
            name, arch, activation, init, data, models, runs, epochs, batch, lr, schedule, momentum, weightDecay, clip, seed,
            noAugment, trainImages, threads, ship, recordOnly, gammaSchedule, adversarial, adversarialEps,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            // Every option and output folder is checked before the data is read and the first epoch starts.
            int threadCount = CommonOptions.CheckThreads(parse.GetValue(threads));
            var modelName = OptionErrors.Naming(name, () => ModelName.Validate(parse.GetValue(name)!));
            var architecture = OptionErrors.Naming(arch, () => ModelRegistry.Get(parse.GetValue(arch)!));
            var spec = OptionErrors.Naming(activation, () => ActivationSpec.Parse(parse.GetValue(activation)!));
            // The schedules' text is parsed here, once; the options hold the typed schedules.
            var lrSchedule = OptionErrors.Naming(schedule, () => LearningRateSchedule.Parse(parse.GetValue(schedule)!));
            var annealing = parse.GetValue(gammaSchedule) is { } g ? OptionErrors.Naming(gammaSchedule, () => GammaSchedule.Parse(g)) : null;
            var endActivation = annealing is null ? null : ActivationSpec.Kwta(annealing.End);
            if (endActivation is not null && endActivation != spec)
                throw new ArgumentException(FormattableString.Invariant($"{gammaSchedule.Name} {annealing} ends at γ {annealing!.End}: pass {activation.Name} {endActivation}."));
            var initFrom = parse.GetValue(init);
            var adversarialPreset = parse.GetValue(adversarial);
            var options = new TrainingOptions
            {
                Architecture = architecture.Name, Activation = spec.ToString(), InitFrom = initFrom,
                GammaSchedule = annealing, Adversarial = adversarialPreset,
                AdversarialEpsilon = adversarialPreset is null ? null : parse.GetValue(adversarialEps) ?? ThreatModel.For(architecture.Dataset).Epsilon,
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(lr),
                Schedule = lrSchedule, Momentum = parse.GetValue(momentum), WeightDecay = parse.GetValue(weightDecay),
                GradientClipNorm = parse.GetValue(clip), Augment = !parse.GetValue(noAugment), Seed = parse.GetValue(seed),
                TrainingImages = parse.GetValue(trainImages),
            };
            OptionErrors.Naming(new Dictionary<string, Option>
            {
                [nameof(TrainingOptions.Epochs)] = epochs, [nameof(TrainingOptions.BatchSize)] = batch, [nameof(TrainingOptions.LearningRate)] = lr,
                [nameof(TrainingOptions.Momentum)] = momentum, [nameof(TrainingOptions.WeightDecay)] = weightDecay,
                [nameof(TrainingOptions.GradientClipNorm)] = clip, [nameof(TrainingOptions.TrainingImages)] = trainImages,
                // The adversarial-training attack's own parameters.
                [nameof(TrainingOptions.Adversarial)] = adversarial, ["preset"] = adversarial, ["epsilon"] = adversarialEps,
            }, options.Validate);
            bool shipping = parse.GetValue(ship), recordingLog = parse.GetValue(recordOnly);
            var modelsDirectory = initFrom is null && !shipping && !recordingLog ? null : parse.ModelsFolder(models);
            if (shipping || recordingLog) OutputPath.CheckFolder(modelsDirectory!);
            var runDirectory = OutputPath.CheckFolder(Path.Combine(parse.FolderOrDefault(runs, () => Path.Combine(RepositoryLayout.Root, "runs")), modelName));
            torch.set_num_threads(threadCount);

            torch.manual_seed(options.Seed);
            using var model = initFrom is null
                ? architecture.Create(spec)
                : IncrementalInit.FromShipped(initFrom, architecture.Name, spec, modelsDirectory!);
            var dataDirectory = parse.GetValue(data)!.FullName;
            var (training, test) = architecture.Dataset == DatasetKind.Cifar10
                ? (Cifar10BinaryFormat.ReadTrainingSet(dataDirectory), Cifar10BinaryFormat.ReadTestSet(dataDirectory))
                : (MnistIdxFormat.ReadTrainingSet(dataDirectory), MnistIdxFormat.ReadTestSet(dataDirectory));
            // Never silently cut: the run's recipe records the number asked for.
            if (options.TrainingImages > training.Count)
                throw new ArgumentException($"--train-images {options.TrainingImages}: {training.Source} holds only {training.Count} images.");
            Console.WriteLine($"train {modelName}: {architecture.Name} {spec}{(initFrom is null ? "" : $" from {initFrom}")}, " +
                              $"{options.TrainingImages ?? training.Count} training / {test.Count} test images, {torch.get_num_threads()} threads, run folder {runDirectory}");
            var log = Trainer.Run(model, training, test, options, runDirectory, new Progress(),
                resumed: c => Console.WriteLine($"resuming from the checkpoint in {runDirectory}: {c.CompletedEpochs} of {options.Epochs} epochs done"));
            foreach (var record in log) Console.WriteLine(record.ToCsv());
            var last = log[^1];
            if (shipping)
            {
                var entry = ModelPublisher.Publish(model, new ModelEntry
                {
                    Name = modelName, Architecture = architecture.Name, Activation = spec.ToString(), File = "", Sha256 = "",
                    Recipe = new TrainingRecipe(options) { Command = Command(parse.Tokens.Select(t => t.Value)), RepeatsBitForBit = true },
                    CleanAccuracy = last.TestAccuracy ?? 0, TestImages = test.Count,
                    // The median: an epoch that spans a killed and resumed run counts the time in between.
                    SecondsPerEpoch = Math.Round(Statistics.Median(log.Select(r => r.Seconds)), 1),
                }, Trainer.LogPath(runDirectory), modelsDirectory!);
                Console.WriteLine($"shipped {entry.File} (sha256 {entry.Sha256}), clean accuracy {entry.CleanAccuracy:P2} on {entry.TestImages} test images");
            }
            if (recordingLog)
                Console.WriteLine($"log recorded at {ModelPublisher.RecordLog(Trainer.LogPath(runDirectory), modelName, modelsDirectory!)}");
        }));
        return command;
    }

    /// <summary>The command as typed, with each absolute path (data, runs, models) written DIR.</summary>
    static string Command(IEnumerable<string> tokens) => "kwta " + string.Join(' ', tokens.Select(t => Path.IsPathRooted(t) ? "DIR" : t));

    /// <summary>One line per report: readable in a terminal and in a nohup log alike.</summary>
    sealed class Progress : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            int filled = 20 * p.Batch / p.Batches;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs} [{new string('#', filled)}{new string('.', 20 - filled)}] {p.Batch}/{p.Batches} loss {p.RunningLoss:F4} acc {p.RunningAccuracy:P1} elapsed {p.EpochElapsed:mm\\:ss} eta {p.EpochEta:mm\\:ss}"));
        }
    }
}
