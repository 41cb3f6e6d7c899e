using Kwta.Model.IO;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

/// <summary>
/// The library's namespaces are layers, in README.md's order (bottom first). A layer refers only to itself and to
/// layers before it, so the namespace graph has no cycle. Checked on the compiled Kwta.Model.dll and the crefs of
/// its XML documentation, so every reference counts however the source spells it.
/// </summary>
public class LayeringTests
{
    static readonly string Assembly = typeof(RepositoryLayout).Assembly.Location;
    static readonly string Documentation = Path.ChangeExtension(Assembly, ".xml");

    static IEnumerable<LayerReference> AllReferences() =>
        AssemblyReferences.InCode(Assembly).Concat(AssemblyReferences.InCrefs(Documentation));

    [Test]
    public void The_readme_names_exactly_the_layers_of_the_library()
    {
        ReadmeLayerOrder.Layers().Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(AssemblyReferences.Layers(Assembly));
    }

    [Test]
    public void Every_reference_goes_to_the_same_layer_or_an_earlier_one_in_the_readme_order()
    {
        var order = ReadmeLayerOrder.Layers().Select((layer, rank) => (layer, rank)).ToDictionary();
        var backwards = AllReferences()
            .Where(r => order.ContainsKey(r.FromLayer) && order.ContainsKey(r.ToLayer) && order[r.ToLayer] > order[r.FromLayer])
            .Select(r => r.ToString()).Distinct().Order();
        // One line per reference: a collection assertion would show only the first.
        string.Join(Environment.NewLine, backwards).Should().BeEmpty();
    }

    [Test]
    public void The_references_are_read_from_signatures_bodies_and_crefs()
    {
        // Without this the order test would pass on a reader that finds nothing.
        AllReferences().Select(r => r.Kind).Distinct().Should()
            .Contain(["field", "property", "method signature", "method body", "cref"]);
    }
}
