using System.Collections.ObjectModel;
using System.Reflection;

namespace Strategy.PowerShell.ModuleWriter;

/// <summary>A cmdlet as its attributes declare it.</summary>
internal sealed record CmdletInfo(
    string Verb,
    string Noun,
    Type Type,
    string? DefaultParameterSet,
    bool SupportsShouldProcess,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<ParameterInfo> Parameters)
{
    public string Name => $"{Verb}-{Noun}";

    /// <summary>The table its items show in (<c>StrategyTableViewAttribute</c>), for a cmdlet made from an operation whose spec marks columns.</summary>
    public TableView? View { get; init; }
}

/// <summary>A table view: the type name that selects it and the fields it shows, in order.</summary>
internal sealed record TableView(string TypeName, IReadOnlyList<string> Columns);

/// <summary>A cmdlet parameter: one per property, with each parameter set it is in.</summary>
internal sealed record ParameterInfo(
    string Name,
    PropertyInfo Property,
    string TypeName,
    bool IsSwitch,
    IReadOnlyList<ParameterSetUse> Sets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> ValidValues,
    bool Wildcards);

/// <summary>How a parameter is used in one parameter set (<c>__AllParameterSets</c> for every set).</summary>
internal sealed record ParameterSetUse(string SetName, bool Mandatory, int? Position, bool FromPipeline, bool FromPipelineByPropertyName);

/// <summary>Reads the cmdlets of a compiled module without loading it (a netstandard2.0 assembly, read from a net10.0 process).</summary>
internal static class CmdletReader
{
    public const string AllSets = "__AllParameterSets";
    private const string Automation = "System.Management.Automation.";

    public static IReadOnlyList<CmdletInfo> Read(string modulePath, IReadOnlyList<string> references)
    {
        var paths = references.Append(modulePath).Distinct(StringComparer.Ordinal).ToList();
        var context = new MetadataLoadContext(new PathAssemblyResolver(paths), coreAssemblyName: "netstandard");
        var module = context.LoadFromAssemblyPath(modulePath);
        return module.GetExportedTypes()
            .Select(type => (type, cmdlet: Attribute(type, "CmdletAttribute")))
            .Where(t => t.cmdlet is not null && !t.type.IsAbstract)
            .Select(t => Cmdlet(t.type, t.cmdlet!))
            .OrderBy(c => c.Noun, StringComparer.Ordinal)
            .ThenBy(c => c.Verb, StringComparer.Ordinal)
            .ToList();
    }

    private static CmdletInfo Cmdlet(Type type, CustomAttributeData cmdlet)
    {
        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == Automation + "OutputTypeAttribute")
            .SelectMany(a => Values(a.ConstructorArguments[0]))
            .Select(v => v is Type t ? t.FullName : v as string)
            .OfType<string>()
            .ToList();
        var view = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "Strategy.PowerShell.StrategyTableViewAttribute");
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(Parameter)
            .OfType<ParameterInfo>()
            .OrderBy(p => p.Sets.Min(s => s.Position ?? int.MaxValue))
            .ToList();
        return new CmdletInfo(
            (string)cmdlet.ConstructorArguments[0].Value!,
            (string)cmdlet.ConstructorArguments[1].Value!,
            type,
            Named(cmdlet, "DefaultParameterSetName") as string,
            Named(cmdlet, "SupportsShouldProcess") is true,
            outputs,
            parameters)
        {
            View = view is null ? null : new TableView((string)view.ConstructorArguments[0].Value!, [.. Values(view.ConstructorArguments[1]).OfType<string>()]),
        };
    }

    private static ParameterInfo? Parameter(PropertyInfo property)
    {
        var uses = property.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Automation + "ParameterAttribute").ToList();
        if (uses.Count == 0)
        {
            return null;
        }

        var sets = uses.Select(use => new ParameterSetUse(
                Named(use, "ParameterSetName") as string ?? AllSets,
                Named(use, "Mandatory") is true,
                Named(use, "Position") is int position && position >= 0 ? position : null,
                Named(use, "ValueFromPipeline") is true,
                Named(use, "ValueFromPipelineByPropertyName") is true))
            .ToList();
        var aliases = Attribute(property, "AliasAttribute") is { } alias ? Values(alias.ConstructorArguments[0]).OfType<string>().ToList() : [];
        var validValues = Attribute(property, "ValidateSetAttribute") is { } set ? Values(set.ConstructorArguments[0]).OfType<string>().ToList() : [];
        // Types from a MetadataLoadContext are not the runtime's: Nullable<> is recognized by name.
        var type = property.PropertyType is { IsGenericType: true } generic && generic.GetGenericTypeDefinition().FullName == "System.Nullable`1"
            ? generic.GetGenericArguments()[0]
            : property.PropertyType;
        return new ParameterInfo(
            property.Name,
            property,
            TypeName(type),
            type.FullName == Automation + "SwitchParameter",
            sets,
            aliases,
            validValues,
            Attribute(property, "SupportsWildcardsAttribute") is not null);
    }

    private static string TypeName(Type type) => type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;

    private static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Automation + name);

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

    /// <summary>The values of a <c>params</c> argument (an array in metadata), or the one value given.</summary>
    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(v => v.Value) : [argument.Value];
}
