namespace Kwta.Model.Activations;

/// <summary>What an <see cref="ActivationLayer"/> computes: ReLU, or k-WTA with sparsity γ.</summary>
public sealed record ActivationSpec
{
    public static readonly ActivationSpec Relu = new(ActivationKind.Relu, 1.0);

    const string ReluName = "relu", KwtaPrefix = "kwta-";

    public ActivationKind Kind { get; }

    /// <summary>γ, the fraction of units kept by k-WTA; 1 for ReLU.</summary>
    public double Sparsity { get; }

    ActivationSpec(ActivationKind kind, double sparsity)
    {
        Kind = kind;
        Sparsity = sparsity;
    }

    public static ActivationSpec Kwta(double sparsity)
    {
        KWinnersTakeAll.ValidateSparsity(sparsity);
        return new ActivationSpec(ActivationKind.Kwta, sparsity);
    }

    /// <summary>Parses "relu" or "kwta-0.2" (the names used by the CLI and the manifest).</summary>
    public static ActivationSpec Parse(string text)
    {
        if (text.Equals(ReluName, StringComparison.OrdinalIgnoreCase)) return Relu;
        if (text.StartsWith(KwtaPrefix, StringComparison.OrdinalIgnoreCase)
            && double.TryParse(text[KwtaPrefix.Length..], System.Globalization.NumberStyles.Float,
                               System.Globalization.CultureInfo.InvariantCulture, out var gamma))
            return Kwta(gamma);
        throw new ArgumentException($"Unknown activation '{text}': expected 'relu' or 'kwta-<γ>' such as 'kwta-0.2'.", nameof(text));
    }

    /// <summary>The name in model names, file names and the manifest: "relu", "kwta-0.2" (read back by <see cref="Parse"/>).</summary>
    public override string ToString() =>
        Kind == ActivationKind.Relu ? ReluName : FormattableString.Invariant($"{KwtaPrefix}{Sparsity}");

    /// <summary>The name in tables, figures and claim subjects: "ReLU", "k-WTA 0.2".</summary>
    public string Label =>
        Kind == ActivationKind.Relu ? "ReLU" : FormattableString.Invariant($"k-WTA {Sparsity}");
}

public enum ActivationKind { Relu, Kwta }
