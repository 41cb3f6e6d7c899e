using Kwta.Model.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Families;

/// <summary>The attack behind each result column: an (attack, preset) pair of <see cref="AttackCatalog"/>, at the family's
/// threat model and the settings' seed, so a column's attack is built the way <c>kwta attack</c> builds it.</summary>
public static class ColumnAttacks
{
    /// <summary>The masking indicators run AutoAttack at its own default budget, as RobustBench does.</summary>
    const string MaskingPreset = "standard";

    /// <summary>The catalogue's name and preset of <paramref name="column"/>'s attack at <paramref name="settings"/>.</summary>
    public static (string Attack, string Preset) Preset(this ResultColumn column, ReproductionSettings settings) => column switch
    {
        ResultColumn.Pgd => ("pgd", "paper"),
        ResultColumn.PgdSeedFoolbox => ("pgd", "seed-foolbox"),
        ResultColumn.DeepFool => ("deepfool", "paper"),
        ResultColumn.Vga => ("vga", "seed"),
        ResultColumn.Transfer => ("transfer", "paper"),
        ResultColumn.Bpda => ("bpda", "paper"),
        ResultColumn.FiniteDifference => ("fd-pgd", settings.TramerFiniteDifference ? "tramer" : "fast"),
        ResultColumn.AutoAttack => ("autoattack", MaskingPreset),
        ResultColumn.Square => ("square", MaskingPreset),
        ResultColumn.PgdStrong => ("pgd-follow-up", "strong"),
        ResultColumn.PgdUnbounded => ("pgd-follow-up", "unbounded"),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "clean accuracy is not an attack."),
    };

    /// <summary>The attack of <paramref name="column"/> on <paramref name="family"/>'s images (<paramref name="valuesPerImage"/>
    /// values each, which scale VGA's step); <paramref name="transferSource"/> is asked for only by the transfer column.</summary>
    public static Attack Create(this ResultColumn column, ModelFamily family, ReproductionSettings settings, long valuesPerImage,
                                Func<nn.Module<Tensor, Tensor>>? transferSource = null)
    {
        var (attack, preset) = column.Preset(settings);
        return AttackCatalog.Create(attack, preset, new AttackOptions(Seed: settings.Seed, ValuesPerImage: valuesPerImage,
                                                                      TransferSource: transferSource, Threat: family.Threat));
    }
}
