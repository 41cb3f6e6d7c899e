using Kwta.Model.Runtime;
using static TorchSharp.torch;

namespace Kwta.Model.Models;

/// <summary>The form of a model an attack runs on. The two round differently, so an attack's outcomes on one repeat to
/// the last digit only on that one: a ledger cell names its form in its machine line, and its re-verification runs it.</summary>
public enum ForwardPath
{
    /// <summary>The model as trained: every batch norm run as its own operation, weights as libtorch lays them out.</summary>
    AsTrained,
    /// <summary><see cref="FoldedModel"/>: batch norms folded into the convolutions, weights channels-last.</summary>
    Folded,
}

public static class ForwardPaths
{
    /// <summary>The form new ledger cells, `kwta attack` and `kwta bench` run on.</summary>
    public const ForwardPath Default = ForwardPath.Folded;

    const string FoldedMark = "forward: folded";

    /// <summary>The form's name on the command line: as-trained or folded.</summary>
    public static string Name(ForwardPath path) => path == ForwardPath.Folded ? "folded" : "as-trained";

    /// <exception cref="ArgumentException"><paramref name="text"/> names no form.</exception>
    public static ForwardPath Parse(string text) =>
        Enum.GetValues<ForwardPath>().Where(p => Name(p) == text).Select(p => (ForwardPath?)p).FirstOrDefault()
        ?? throw new ArgumentException($"'{text}' is not a form of a model; known: {string.Join(", ", Enum.GetValues<ForwardPath>().Select(Name))}.");

    /// <summary>The model in form <paramref name="path"/>, which takes its place: itself, or its folded copy, the model then disposed.</summary>
    public static nn.Module<Tensor, Tensor> Prepare(nn.Module<Tensor, Tensor> model, ForwardPath path)
    {
        if (path == ForwardPath.AsTrained) return model;
        var folded = FoldedModel.Of(model);
        model.Dispose();
        return folded;
    }

    /// <summary>The machine line of a cell built here on <paramref name="path"/>: <see cref="PinnedNumerics.Machine"/>, and the form
    /// where it is not the one cells were built on before it existed.</summary>
    public static string Machine(ForwardPath path) =>
        path == ForwardPath.Folded ? $"{PinnedNumerics.Machine()}; {FoldedMark}" : PinnedNumerics.Machine();

    /// <summary>The form a cell with machine line <paramref name="machine"/> was built on; lines without one are from before the folded form.</summary>
    public static ForwardPath Of(string machine) => machine.Contains(FoldedMark, StringComparison.Ordinal) ? ForwardPath.Folded : ForwardPath.AsTrained;
}
