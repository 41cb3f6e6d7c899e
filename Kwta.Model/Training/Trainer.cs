using System.Diagnostics;
using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.IO;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kwta.Model.Training;

/// <summary>
/// SGD with momentum and weight decay, a per-epoch learning-rate schedule, optional gradient-norm
/// clipping, seeded shuffling and augmentation, optional γ annealing (<see cref="GammaSchedule"/>) and
/// adversarial training (<see cref="AdversarialTraining"/>); a checkpoint after every epoch and automatic resume.
/// Shuffling, augmentation and torch's generator are seeded per epoch (<see cref="EpochSeed"/>), so a run
/// repeats bit for bit in any process, and a resumed run reproduces an uninterrupted one. The run folder is
/// locked for the run (<see cref="RunFolderLock"/>), and a non-finite loss stops it before the step that would spread it.
/// </summary>
public static class Trainer
{
    public static IReadOnlyList<EpochRecord> Run(nn.Module<Tensor, Tensor> model, LabeledImages training, LabeledImages? test,
                                                 TrainingOptions options, string runDirectory,
                                                 IProgress<TrainingProgress>? progress = null, int? stopAfterEpochs = null,
                                                 Action<Checkpoint>? resumed = null)
    {
        options.Validate();
        if (options.TrainingImages is { } n) training = training.Take(n);
        var adversarial = options.CreateAdversarialTraining();
        using var runLock = RunFolderLock.Acquire(runDirectory); // a second run on this folder would overwrite this one's checkpoints
        using var optimizer = optim.SGD(model.parameters(), options.LearningRate, options.Momentum,
                                        weight_decay: options.WeightDecay);
        var restored = Checkpoint.TryRestore(runDirectory, options, model, optimizer);
        if (restored is not null) resumed?.Invoke(restored);
        var checkpoint = restored ?? new Checkpoint(options, []);
        int lastEpoch = Math.Min(options.Epochs, stopAfterEpochs ?? options.Epochs);
        for (int epoch = checkpoint.CompletedEpochs; epoch < lastEpoch; epoch++)
        {
            double rate = options.Schedule.At(epoch, options.Epochs, options.LearningRate);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
            double? gamma = options.GammaSchedule?.At(epoch);
            if (gamma is { } g) ActivationSwap.ToKwta(model, g);
            var watch = Stopwatch.StartNew();
            var (loss, accuracy) = TrainEpoch(model, optimizer, training, options, adversarial, epoch, progress);
            double? testAccuracy = test is null ? null : Predictions.Accuracy(model, test);
            double? monitored = adversarial?.MonitorAccuracy(model, training);
            // Checked before saving, so a collapsed epoch never replaces the last good checkpoint.
            if (monitored is { } m) AdversarialTraining.GuardAgainstCollapse(checkpoint.Log, epoch + 1, m);
            checkpoint.Log.Add(new EpochRecord(epoch + 1, rate, loss, accuracy, testAccuracy, watch.Elapsed.TotalSeconds, gamma, monitored));
            checkpoint.Save(runDirectory, model, optimizer);
            AtomicFile.WriteAllText(LogPath(runDirectory), EpochRecord.ToCsv(checkpoint.Log));
        }
        model.eval();
        return checkpoint.Log;
    }

    public static string LogPath(string runDirectory) => Path.Combine(runDirectory, "log.csv");

    static (double Loss, double Accuracy) TrainEpoch(nn.Module<Tensor, Tensor> model, SGD optimizer, LabeledImages training,
                                                     TrainingOptions options, AdversarialTraining? adversarial, int epoch,
                                                     IProgress<TrainingProgress>? progress)
    {
        model.train();
        int epochSeed = EpochSeed.Of(options.Seed, epoch);
        manual_seed(epochSeed); // dropout and attack random starts: an epoch replays the same after a resume
        var order = Enumerable.Range(0, training.Count).ToArray();
        new Random(epochSeed).Shuffle(order);
        var augmentation = options.Augment ? new Augmentation(epochSeed) : null;
        var attack = adversarial?.AttackFor(epochSeed);
        int batches = (order.Length + options.BatchSize - 1) / options.BatchSize;
        int reportEvery = Math.Max(1, batches / 20);
        double lossSum = 0;
        long correct = 0;
        var watch = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            NativeHeap.Release(); // the previous batch's freed buffers
            using var scope = NewDisposeScope();
            var indices = order.AsSpan(b * options.BatchSize, Math.Min(options.BatchSize, order.Length - b * options.BatchSize));
            var (x, y) = training.Batch(indices, augmentation);
            // Eval mode inside, train mode again after; each image's random start comes from the epoch's seed and its index.
            if (attack is not null) x = attack.Perturb(model, x, y, Array.ConvertAll(indices.ToArray(), i => (long)i));
            optimizer.zero_grad();
            var logits = model.forward(x);
            var loss = nn.functional.cross_entropy(logits, y);
            float lossValue = loss.item<float>();
            // Stopped before the step and before any checkpoint, which could not even record a NaN loss in its JSON.
            if (!float.IsFinite(lossValue)) throw new TrainingDivergedException(epoch + 1, b + 1, batches, lossValue);
            loss.backward();
            if (options.GradientClipNorm is { } clip) nn.utils.clip_grad_norm_(model.parameters(), clip);
            optimizer.step();
            lossSum += lossValue * indices.Length;
            correct += logits.argmax(1).eq(y).sum().item<long>();
            if ((b + 1) % reportEvery == 0 || b + 1 == batches)
            {
                int seen = Math.Min((b + 1) * options.BatchSize, order.Length);
                progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, b + 1, batches, lossSum / seen,
                                                      (double)correct / seen, watch.Elapsed));
            }
        }
        return (lossSum / order.Length, (double)correct / order.Length);
    }
}
