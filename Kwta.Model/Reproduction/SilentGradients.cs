using Kwta.Model.Activations;
using Kwta.Model.Data;
using Kwta.Model.Evaluation;
using Kwta.Model.Families;
using Kwta.Model.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Reproduction;

/// <summary>
/// C9's silent-gradient indicator, for each model on the masking attacks' images (none when the settings run no masking
/// attack): one forward and backward pass per image, seconds, so it is measured with every run rather than ledgered.
/// </summary>
public static class SilentGradients
{
    /// <summary>For one model already loaded by the run.</summary>
    public static void Measure(FamilyResults results, ActivationSpec activation, nn.Module<Tensor, Tensor> model, LabeledImages images)
    {
        int count = results.Settings.MaskingImages;
        if (count == 0) return;
        results.SilentGradients[activation] = InputGradientSilence.Measure(model, images, [.. Enumerable.Range(0, count)], results.Settings.BatchSize);
    }

    /// <summary>For results read from the ledger: each model loaded once, here.</summary>
    public static void Measure(FamilyResults results, LabeledImages images, string modelsDirectory)
    {
        if (results.Settings.MaskingImages == 0) return;
        foreach (var activation in ModelFamily.Activations)
        {
            using var model = ModelFile.LoadShipped(results.Family.ModelName(activation), modelsDirectory);
            Measure(results, activation, model, images);
        }
    }
}
