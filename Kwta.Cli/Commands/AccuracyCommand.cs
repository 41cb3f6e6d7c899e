using System.CommandLine;
using System.Globalization;
using Kwta.Model.Data;
using Kwta.Model.Models;
using Kwta.Model.Persistence;
using Kwta.Model.Runtime;

namespace Kwta.Cli.Commands;

/// <summary><c>kwta accuracy</c>: clean accuracy of shipped files on the official test set, with the pinned numerics;
/// with --record it becomes the manifest's accuracy, with the machine it was measured on.</summary>
static class AccuracyCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var models = CommonOptions.Models();
        var names = new Option<string[]>("--model") { Description = "Only these shipped models (default: every one).", AllowMultipleArgumentsPerToken = true };
        var record = new Option<bool>("--record") { Description = "Write each measured accuracy, and the machine, into models.json." };
        var command = new Command("accuracy", "Measure the shipped models' clean accuracy on the official test set.") { data, models, names, record };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            PinnedNumerics.Apply(); // before libtorch's first operation
            var modelsDirectory = parse.ModelsFolder(models);
            var source = DataSource.FromOfficialTestSets(parse.GetValue(data)!.FullName);
            var manifest = ModelManifest.Load(modelsDirectory);
            var chosen = parse.GetValue(names) is { Length: > 0 } wanted
                ? wanted.Select(n => manifest.Get(n, modelsDirectory)).ToList()
                : manifest.Models;
            var machine = PinnedNumerics.Machine();
            Console.WriteLine($"measuring on {machine}");
            var testSets = new Dictionary<DatasetKind, LabeledImages>();
            foreach (var entry in chosen)
            {
                var dataset = ModelRegistry.Get(entry.Architecture).Dataset;
                if (!testSets.TryGetValue(dataset, out var images)) testSets[dataset] = images = source.Load(dataset);
                using var model = ModelFile.LoadShipped(entry.Name, modelsDirectory);
                var predicted = Predictions.Of(model, images);
                int correct = predicted.Where((p, i) => p == images.Labels[i]).Count();
                double accuracy = (double)correct / images.Count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.Name}: {correct}/{images.Count} = {accuracy:P2} (manifest {entry.CleanAccuracy:P2}, {correct - Math.Round(entry.CleanAccuracy * entry.TestImages):+0;-0;0} images)"));
                if (parse.GetValue(record))
                {
                    manifest = manifest.With(entry with { CleanAccuracy = accuracy, TestImages = images.Count, CleanAccuracyMeasuredOn = machine });
                    manifest.Save(modelsDirectory);
                }
            }
        }));
        return command;
    }
}
