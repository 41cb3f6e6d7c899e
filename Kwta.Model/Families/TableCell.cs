using Kwta.Model.Activations;

namespace Kwta.Model.Families;

/// <summary>
/// One cell of a family's table: a model (its activation), a column (clean accuracy or an attack) and how many of the
/// first images it runs on. A run fills each cell with per-image outcomes, in this order.
/// </summary>
public sealed record TableCell(ModelFamily Family, ActivationSpec Activation, ResultColumn Column, int Images)
{
    public string Model => Family.ModelName(Activation);

    /// <summary>The images the cell runs on: the first <see cref="Images"/> of the data.</summary>
    public IReadOnlyList<int> ImageIndices => [.. Enumerable.Range(0, Images)];

    /// <summary>Every cell of <paramref name="family"/> at <paramref name="settings"/>, model by model in table order;
    /// the adaptive columns only for the k-WTA models, and no column the settings give no images.</summary>
    public static IEnumerable<TableCell> All(ModelFamily family, ReproductionSettings settings) =>
        from activation in ModelFamily.Activations
        from column in Enum.GetValues<ResultColumn>()
        where !(column.KwtaOnly() && activation == ActivationSpec.Relu) && settings.ImagesFor(column) > 0
        select new TableCell(family, activation, column, settings.ImagesFor(column));
}
