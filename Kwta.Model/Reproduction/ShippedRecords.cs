using Kwta.Model.Families;
using Kwta.Model.Persistence;
using Kwta.Model.Training;

namespace Kwta.Model.Reproduction;

/// <summary>What a family's shipped files record beside its weights: each model's full-test-set accuracy (manifest) and,
/// where the family has them, the epoch-1 accuracies of C6's training logs. Reads files only.</summary>
public static class ShippedRecords
{
    /// <summary>Empty results of <paramref name="family"/> holding those records.</summary>
    public static FamilyResults NewResults(ModelFamily family, ReproductionSettings settings, string modelsDirectory, string source)
    {
        var results = new FamilyResults(family, settings) { Source = source };
        var manifest = ModelManifest.Load(modelsDirectory);
        foreach (var activation in ModelFamily.Activations)
            results.ManifestCleanAccuracy[activation] = manifest.Get(family.ModelName(activation), modelsDirectory).CleanAccuracy;
        if (family.HasRandomInitRecord)
            results.EpochOneTestAccuracy = (EpochOneTestAccuracy(family.ModelName(ModelFamily.KwtaGamma02), modelsDirectory),
                                            EpochOneTestAccuracy(family.RandomInitRecordName, modelsDirectory));
        return results;
    }

    static double EpochOneTestAccuracy(string logName, string modelsDirectory)
    {
        var path = ModelPublisher.LogPath(logName, modelsDirectory);
        return EpochRecord.ReadCsv(path).FirstOrDefault()?.TestAccuracy
               ?? throw new FormatException($"{path}: the log has no epoch-1 test accuracy.");
    }
}
