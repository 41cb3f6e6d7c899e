using System.Security.Cryptography;
using Kwta.Model.Data;

namespace Kwta.Model.Ledger;

/// <summary>The data a ledger was computed on, by content: the same images read from the fixtures or from the
/// official files hash alike, and a changed byte or label anywhere makes every cell on it stale.</summary>
public static class LedgerData
{
    public static string Sha256(LabeledImages images)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(images.Pixels);
        hash.AppendData(images.Labels);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
