namespace Kwta.Reproduction.Tests.Support;

/// <summary>A reference from a type of one library layer to a type of another, and what makes it.</summary>
public sealed record LayerReference(string FromType, string ToType, string Kind)
{
    public string FromLayer => AssemblyReferences.LayerOf(FromType);
    public string ToLayer => AssemblyReferences.LayerOf(ToType);

    public override string ToString() => $"{FromLayer} → {ToLayer}: type {FromType} references {ToType} ({Kind})";
}
