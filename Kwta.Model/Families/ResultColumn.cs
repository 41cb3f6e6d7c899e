namespace Kwta.Model.Families;

/// <summary>The columns of the result tables: the reproduction's four, then ours, then the attacks of the gradient-masking
/// indicators (C9), which run only at the ledger's scales.</summary>
public enum ResultColumn { Clean, Vga, Pgd, DeepFool, PgdSeedFoolbox, Transfer, Bpda, FiniteDifference, AutoAttack, Square, PgdStrong, PgdUnbounded }

public static class ResultColumns
{
    public static string Header(this ResultColumn column) => column switch
    {
        ResultColumn.Clean => "Clean",
        ResultColumn.Vga => "VGA",
        ResultColumn.Pgd => "PGD",
        ResultColumn.DeepFool => "DeepFool",
        ResultColumn.PgdSeedFoolbox => "PGD (seed-foolbox)",
        ResultColumn.Transfer => "Transfer",
        ResultColumn.Bpda => "BPDA",
        ResultColumn.FiniteDifference => "Finite-diff",
        ResultColumn.AutoAttack => "AutoAttack",
        ResultColumn.Square => "Square",
        ResultColumn.PgdStrong => "PGD, then strong PGD",
        ResultColumn.PgdUnbounded => "PGD, then PGD ε = 1",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    /// <summary>The column's name in ledger paths and on the command line, e.g. "pgd-seed-foolbox".</summary>
    public static string Slug(this ResultColumn column) => column switch
    {
        ResultColumn.Clean => "clean",
        ResultColumn.Vga => "vga",
        ResultColumn.Pgd => "pgd",
        ResultColumn.DeepFool => "deepfool",
        ResultColumn.PgdSeedFoolbox => "pgd-seed-foolbox",
        ResultColumn.Transfer => "transfer",
        ResultColumn.Bpda => "bpda",
        ResultColumn.FiniteDifference => "fd-pgd",
        ResultColumn.AutoAttack => "autoattack",
        ResultColumn.Square => "square",
        ResultColumn.PgdStrong => "pgd-strong",
        ResultColumn.PgdUnbounded => "pgd-unbounded",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    public static ResultColumn ParseSlug(string slug)
    {
        foreach (var column in Enum.GetValues<ResultColumn>())
            if (column.Slug() == slug) return column;
        throw new ArgumentException($"unknown attack column '{slug}': expected one of {string.Join(", ", Enum.GetValues<ResultColumn>().Select(c => c.Slug()))}.", nameof(slug));
    }

    /// <summary>Adaptive attacks are aimed at k-WTA; on the ReLU model they are plain PGD again.</summary>
    public static bool KwtaOnly(this ResultColumn column) =>
        column is ResultColumn.Transfer or ResultColumn.Bpda or ResultColumn.FiniteDifference;

    /// <summary>The attacks the gradient-masking indicators compare with PGD (C9): every model, ledger scales only.</summary>
    public static readonly IReadOnlyList<ResultColumn> MaskingIndicators =
        [ResultColumn.AutoAttack, ResultColumn.Square, ResultColumn.PgdStrong, ResultColumn.PgdUnbounded];

    public static bool IsMaskingIndicator(this ResultColumn column) => MaskingIndicators.Contains(column);
}
