namespace Kwta.Model.Families;

/// <summary>
/// How many images each attack runs on, and the seed. <see cref="Default"/> is what `dotnet test` and
/// `kwta reproduce` run on the fixtures for a family with no fixtures ledger (every shipped family has one, so both read
/// it instead; docs/ledger.md); <see cref="Full"/> is `kwta reproduce --full` and the Full test category on the official test set.
/// PGD gets the most images because C2, C4 and C8 rest on it; DeepFool (10 gradients per step) and VGA
/// (9 targets per image) cost 10× more per image; finite differences cost ~1000 forward passes per step.
/// </summary>
/// <param name="MaskingImages">Images of each gradient-masking indicator's attack (<see cref="ResultColumns.IsMaskingIndicator"/>);
/// 0 leaves them out, as the default run must to stay within its budget.</param>
public sealed record ReproductionSettings(int CleanImages, int PgdImages, int DeepFoolImages, int VgaImages,
                                          int FiniteDifferenceImages, bool TramerFiniteDifference, int MaskingImages, int BatchSize, long Seed)
{
    public static readonly ReproductionSettings Default = new(
        CleanImages: 1000, PgdImages: 200, DeepFoolImages: 100, VgaImages: 50, FiniteDifferenceImages: 20,
        TramerFiniteDifference: false, MaskingImages: 0, BatchSize: 100, Seed: 2020);

    /// <summary>The ledger's fixture scale: every fixture image for every attack (clean accuracy comes from the PGD
    /// cell's clean predictions), VGA on the reproduction's 320 images × 9 targets.</summary>
    public static readonly ReproductionSettings Fixtures = new(
        CleanImages: 1000, PgdImages: 1000, DeepFoolImages: 1000, VgaImages: 320, FiniteDifferenceImages: 1000,
        TramerFiniteDifference: false, MaskingImages: 1000, BatchSize: 100, Seed: 2020);

    /// <summary>The paper evaluated PGD on 5000 images and DeepFool/C&amp;W on 1000; Tramèr et al. on 1000 with their full
    /// schedule; the masking indicators' attacks (AutoAttack among them) on 1000, as the finite differences.</summary>
    public static readonly ReproductionSettings Full = new(
        CleanImages: 10_000, PgdImages: 5000, DeepFoolImages: 1000, VgaImages: 320, FiniteDifferenceImages: 1000,
        TramerFiniteDifference: true, MaskingImages: 1000, BatchSize: 100, Seed: 2020);

    public int ImagesFor(ResultColumn column) => column switch
    {
        ResultColumn.Clean => CleanImages,
        ResultColumn.DeepFool => DeepFoolImages,
        ResultColumn.Vga => VgaImages,
        ResultColumn.FiniteDifference => FiniteDifferenceImages,
        _ when column.IsMaskingIndicator() => MaskingImages,
        _ => PgdImages,
    };
}
