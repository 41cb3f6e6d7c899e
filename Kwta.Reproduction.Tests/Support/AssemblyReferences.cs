using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// The references between the layers (Kwta.Model.&lt;Layer&gt;) of the compiled library, read from its metadata and
/// its XML documentation, so a name the compiler resolved counts however the source spells it (a <c>using</c>, the
/// full name or a namespace-relative one). A type belongs to its namespace; nested and compiler-generated types
/// (lambdas, iterators) count as the type that declares them in the source. A constant or a <c>nameof</c> compiles
/// to its value and leaves no reference to read.
/// </summary>
public static class AssemblyReferences
{
    const string Library = "Kwta.Model.";

    /// <summary>"Claims" for <c>Kwta.Model.Claims.ClaimChecks</c>.</summary>
    public static string LayerOf(string typeName) => typeName[Library.Length..].Split('.')[0];

    /// <summary>The layers of the types the library defines.</summary>
    public static IReadOnlySet<string> Layers(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var names = new LibraryTypes(reader);
        return reader.TypeDefinitions.Select(names.SourceTypeOf).OfType<string>().Select(LayerOf).ToHashSet();
    }

    /// <summary>Every reference the compiled code makes from one layer to another: base types, interfaces, generic
    /// constraints, custom attributes, the signatures of fields, methods, properties and events, and the method
    /// bodies (locals, caught exceptions and every type, method or field token of the IL).</summary>
    public static IReadOnlyList<LayerReference> InCode(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var names = new LibraryTypes(reader);
        var found = new List<LayerReference>();
        foreach (var handle in reader.TypeDefinitions)
        {
            if (names.SourceTypeOf(handle) is not { } from) continue; // the compiler's own helper types
            void Add(IEnumerable<string> targets, string kind) =>
                found.AddRange(targets.Where(to => LayerOf(to) != LayerOf(from)).Select(to => new LayerReference(from, to, kind)));

            var type = reader.GetTypeDefinition(handle);
            Add(names.In(type.BaseType), "base type");
            foreach (var implementation in type.GetInterfaceImplementations())
                Add(names.In(reader.GetInterfaceImplementation(implementation).Interface), "interface");
            Add(names.InConstraints(type.GetGenericParameters()), "generic constraint");
            Add(names.InAttributes(type.GetCustomAttributes()), "attribute");
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                Add(field.DecodeSignature(names, null), "field");
                Add(names.InAttributes(field.GetCustomAttributes()), "attribute");
            }
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                Add(LibraryTypes.In(property.DecodeSignature(names, null)), "property");
                Add(names.InAttributes(property.GetCustomAttributes()), "attribute");
            }
            foreach (var eventHandle in type.GetEvents())
            {
                var @event = reader.GetEventDefinition(eventHandle);
                Add(names.In(@event.Type), "event");
                Add(names.InAttributes(@event.GetCustomAttributes()), "attribute");
            }
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                Add(LibraryTypes.In(method.DecodeSignature(names, null)), "method signature");
                Add(names.InConstraints(method.GetGenericParameters()), "generic constraint");
                Add(names.InAttributes(method.GetCustomAttributes()), "attribute");
                foreach (var parameter in method.GetParameters())
                    Add(names.InAttributes(reader.GetParameter(parameter).GetCustomAttributes()), "attribute");
                if (method.RelativeVirtualAddress != 0)
                    Add(names.InBody(pe.GetMethodBody(method.RelativeVirtualAddress)), "method body");
            }
        }
        return found;
    }

    /// <summary>Every doc-comment cref from one layer to another, as the compiler resolved it into the XML
    /// documentation file (<c>T:Kwta.Model.Claims.ClaimChecks</c>, <c>M:…</c>); the reference is to the cref's type.</summary>
    public static IReadOnlyList<LayerReference> InCrefs(string documentationPath) =>
    [
        .. from member in XDocument.Load(documentationPath).Descendants("member")
           let source = TypeOfDocumentationId(member.Attribute("name")!.Value)
           from cref in member.Descendants().Select(e => e.Attribute("cref")?.Value).OfType<string>()
           where cref[2..].StartsWith(Library, StringComparison.Ordinal)
           let target = TypeOfDocumentationId(cref)
           where LayerOf(target) != LayerOf(source)
           select new LayerReference(source, target, "cref"),
    ];

    /// <summary>The type (or namespace) a documentation id names or declares: <c>M:A.B.C.M(System.Int32)</c> → <c>A.B.C</c>.</summary>
    static string TypeOfDocumentationId(string id)
    {
        var name = id[2..].Split('(')[0];
        return id[0] is 'T' or 'N' ? name : name[..name.LastIndexOf('.')];
    }

    /// <summary>Names the library's types as the source declares them, and collects the ones a handle, signature or
    /// method body mentions.</summary>
    sealed class LibraryTypes(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<string>, object?>
    {
        static readonly ImmutableArray<string> None = [];

        /// <summary>The IL operand kind of every opcode, from the runtime's own table (two-byte opcodes as 0xFE__).</summary>
        static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => (ushort)o.Value, o => o.OperandType);

        readonly Dictionary<TypeDefinitionHandle, string?> sourceTypes = [];

        /// <summary>The full name of the type the source declares <paramref name="handle"/> in (nested types dotted,
        /// compiler-generated ones as their declaring type), or null outside the library's namespaces.</summary>
        public string? SourceTypeOf(TypeDefinitionHandle handle)
        {
            if (sourceTypes.TryGetValue(handle, out var known)) return known;
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            string? result;
            if (!declaring.IsNil)
                result = SourceTypeOf(declaring) is { } outer ? (name.StartsWith('<') ? outer : $"{outer}.{name}") : null;
            else
            {
                var ns = reader.GetString(type.Namespace);
                result = ns.StartsWith(Library, StringComparison.Ordinal) ? $"{ns}.{name}" : null;
            }
            return sourceTypes[handle] = result;
        }

        public static IEnumerable<string> In(MethodSignature<ImmutableArray<string>> signature) =>
            signature.ParameterTypes.Prepend(signature.ReturnType).SelectMany(t => t);

        /// <summary>The library types a type, member or member specification handle refers to.</summary>
        public IEnumerable<string> In(EntityHandle handle) => handle.IsNil ? None : handle.Kind switch
        {
            HandleKind.TypeDefinition => Named((TypeDefinitionHandle)handle),
            HandleKind.TypeReference or HandleKind.ModuleReference => None, // other assemblies
            HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
            HandleKind.MethodDefinition => Named(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()),
            HandleKind.FieldDefinition => Named(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()),
            HandleKind.MemberReference => In(reader.GetMemberReference((MemberReferenceHandle)handle).Parent),
            HandleKind.MethodSpecification => InMethodSpecification(reader.GetMethodSpecification((MethodSpecificationHandle)handle)),
            HandleKind.StandaloneSignature => In(reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(this, null)),
            _ => throw new NotSupportedException($"A {handle.Kind} handle where a type or member was expected."),
        };

        IEnumerable<string> InMethodSpecification(MethodSpecification specification) =>
            In(specification.Method).Concat(specification.DecodeSignature(this, null).SelectMany(t => t));

        public IEnumerable<string> InAttributes(CustomAttributeHandleCollection attributes) =>
            attributes.SelectMany(a => In(reader.GetCustomAttribute(a).Constructor));

        public IEnumerable<string> InConstraints(GenericParameterHandleCollection parameters) =>
            from p in parameters
            from c in reader.GetGenericParameter(p).GetConstraints()
            from t in In(reader.GetGenericParameterConstraint(c).Type)
            select t;

        /// <summary>The locals, the caught exception types and every token operand of the IL.</summary>
        public IEnumerable<string> InBody(MethodBodyBlock body)
        {
            var found = new List<string>();
            if (!body.LocalSignature.IsNil)
                found.AddRange(reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null).SelectMany(t => t));
            foreach (var region in body.ExceptionRegions)
                found.AddRange(In(region.CatchType));
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                byte first = il.ReadByte();
                var operand = Operands[first == 0xFE ? (ushort)(0xFE00 | il.ReadByte()) : first];
                switch (operand)
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType
                        or OperandType.InlineTok or OperandType.InlineSig:
                        found.AddRange(In(MetadataTokens.EntityHandle(il.ReadInt32())));
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    default:
                        il.Offset += OperandSize(operand);
                        break;
                }
            }
            return found;
        }

        static int OperandSize(OperandType operand) => operand switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR => 4,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            _ => throw new NotSupportedException($"IL operand {operand}."),
        };

        ImmutableArray<string> Named(TypeDefinitionHandle handle) => SourceTypeOf(handle) is { } name ? [name] : None;

        public ImmutableArray<string> GetTypeFromDefinition(MetadataReader _, TypeDefinitionHandle handle, byte rawTypeKind) => Named(handle);
        public ImmutableArray<string> GetTypeFromReference(MetadataReader _, TypeReferenceHandle handle, byte rawTypeKind) => None;
        public ImmutableArray<string> GetTypeFromSpecification(MetadataReader _, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        public ImmutableArray<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
        public ImmutableArray<string> GetGenericTypeParameter(object? context, int index) => None;
        public ImmutableArray<string> GetGenericMethodParameter(object? context, int index) => None;
        public ImmutableArray<string> GetSZArrayType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetArrayType(ImmutableArray<string> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<string> GetByReferenceType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetPointerType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetPinnedType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetModifiedType(ImmutableArray<string> modifier, ImmutableArray<string> unmodifiedType, bool isRequired) =>
            unmodifiedType.AddRange(modifier);
        public ImmutableArray<string> GetGenericInstantiation(ImmutableArray<string> genericType, ImmutableArray<ImmutableArray<string>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(t => t));
        public ImmutableArray<string> GetFunctionPointerType(MethodSignature<ImmutableArray<string>> signature) => [.. In(signature)];
    }
}
