namespace Kwta.Model.Reproduction;

/// <summary>The columns of the result tables: the reproduction's four, then ours.</summary>
public enum ResultColumn { Clean, Vga, Pgd, DeepFool, PgdSeedFoolbox, Transfer, Bpda, FiniteDifference }

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
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    /// <summary>Adaptive attacks are aimed at k-WTA; on the ReLU model they are plain PGD again.</summary>
    public static bool KwtaOnly(this ResultColumn column) =>
        column is ResultColumn.Transfer or ResultColumn.Bpda or ResultColumn.FiniteDifference;
}
