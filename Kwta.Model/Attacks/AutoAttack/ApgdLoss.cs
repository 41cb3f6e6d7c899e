namespace Kwta.Model.Attacks;

/// <summary>The loss an untargeted APGD maximises: cross-entropy (APGD-CE) or the DLR loss (APGD-DLR, see <see cref="DlrLoss"/>).</summary>
public enum ApgdLoss
{
    CrossEntropy,
    Dlr,
}
