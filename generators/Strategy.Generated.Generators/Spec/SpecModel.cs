using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Spec;

/// <summary>A place in the spec file, kept as plain values so models stay equatable.</summary>
internal sealed record SpecLocation(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}

/// <summary>What the generator needs of the OpenAPI document.</summary>
internal sealed record SpecDocument(
    string FilePath,
    string Title,
    string Version,
    EquatableArray<SpecOperation> Operations,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One operation: where it lives and what it answers.</summary>
internal sealed record SpecOperation(
    string OperationId,
    string Tag,
    string Method,
    string Path,
    EquatableArray<SpecHeader> ResponseHeaders,
    EquatableArray<SpecProperty> ResponseProperties,
    EquatableArray<SpecProperty> RequestProperties,
    EquatableArray<string> SuccessStatuses,
    EquatableArray<SpecDeclaration> Declarations,
    SpecLocation Location)
{
    /// <summary>The first server version that has the operation (<c>x-strategy-since</c>), if declared.</summary>
    public string? Since { get; init; }

    /// <summary>Whether the operation takes a request body.</summary>
    public bool HasRequestBody { get; init; }

    /// <summary>The operation's parameters (path, query, header), path-level ones included.</summary>
    public EquatableArray<SpecParameter> Parameters { get; init; } = EquatableArray<SpecParameter>.Empty;

    /// <summary>How the operation uses the project header (<c>x-strategy-project</c>, else its header parameter).</summary>
    public SpecProjectHeader ProjectHeader { get; init; } = SpecProjectHeader.WhenSet;

    /// <summary>The operation's summary, for the help of its command and cmdlet.</summary>
    public string? Summary { get; init; }

    /// <summary>Whether the request body is required.</summary>
    public bool BodyRequired { get; init; }

    /// <summary>Its <c>strategy</c> command and PowerShell cmdlet, declared or derived.</summary>
    public SpecCommandNames Names { get; init; } = SpecCommandNames.None;

    /// <summary>The error statuses whose answer carries the operation's result (every item's outcome), as the spec declares them.</summary>
    public EquatableArray<string> ErrorStatusesWithResult { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Which request body properties are required (the body schema's <c>required</c>).</summary>
    public EquatableArray<string> RequestRequired { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The request body's top-level properties that are one value or a list of values (text, a number, a flag): a command's options, a cmdlet's parameters.</summary>
    public EquatableArray<SpecBodyField> BodyFields => RequestProperties
        .Where(p => IsScalar(p.Schema) || (p.Schema.Type == "array" && p.Schema.Items is { } items && IsScalar(items)))
        .Select(p => p.Schema.Type == "array"
            ? new SpecBodyField(p.Name, p.Schema.Items!.Type!, true, RequestRequired.Contains(p.Name), p.Schema.Description, p.Schema.Items.Values, p.Schema.Items.Format == "password")
            : new SpecBodyField(p.Name, p.Schema.Type!, false, RequestRequired.Contains(p.Name), p.Schema.Description, p.Schema.Values, p.Schema.Format == "password" || IsSecretName(p.Name)))
        .ToEquatableArray();

    /// <summary>
    /// Whether a property's name says it holds a secret: the rule the client masks bodies by at run time
    /// (<c>StrategyOperationSecrets.IsSecret</c>; <c>OperationCatalogTests</c> holds them to the same answers).
    /// </summary>
    internal static bool IsSecretName(string name) =>
        name.IndexOf("password", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("secret", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("token", System.StringComparison.OrdinalIgnoreCase) >= 0
        || (name.EndsWith("key", System.StringComparison.OrdinalIgnoreCase) && name.IndexOf("api", System.StringComparison.OrdinalIgnoreCase) >= 0);

    private static bool IsScalar(SpecSchema schema) => schema.Type is "string" or "integer" or "number" or "boolean";

    /// <summary>The fields of its list's items a table shows (<c>x-strategy-columns</c>), in order; empty when not declared.</summary>
    public EquatableArray<string> Columns { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The component schema of each object its command and cmdlet write (a list's item, else the answer), if the answer has one.</summary>
    public string? AnswerItemSchema { get; init; }

    /// <summary>Whether a success answer has a JSON body at all (a 202 or 204 alone has none).</summary>
    public bool AnswersJson { get; init; }

    /// <summary>The NSwag client class (MultipleClientsFromFirstTagAndOperationId, className {controller}Client).</summary>
    public string ClientClassName => Naming.Pascal(Tag) + "Client";

    /// <summary>The NSwag method name.</summary>
    public string MethodName => Naming.Pascal(OperationId) + "Async";
}

/// <summary>
/// What an operation declares with one <c>x-strategy-*</c> key, as that key's kind read it. The
/// spec holds declarations without knowing the kinds: each kind derives its own.
/// </summary>
/// <param name="Places">Where each of its values is written, for diagnostics.</param>
internal abstract record SpecDeclaration(SpecPlaces Places)
{
    /// <summary>The key, such as <c>x-strategy-wait</c>.</summary>
    public abstract string Extension { get; }
}

/// <summary>Reads an operation's <c>x-strategy-*</c> declarations; the generator gives the spec reader one.</summary>
internal delegate EquatableArray<SpecDeclaration> SpecExtensionReader(SpecReader spec, string operationId, YamlDotNet.RepresentationModel.YamlMappingNode operation);

/// <summary>A parameter of an operation: where it goes, whether it is required, its schema's type and closed list of values.</summary>
internal sealed record SpecParameter(string Name, string In, bool Required, string? Type, EquatableArray<string> Values)
{
    /// <summary>What the spec says of the parameter, for the help of its option.</summary>
    public string? Description { get; init; }
}

/// <summary>A response header that carries data.</summary>
internal sealed record SpecHeader(
    string Name,
    string SchemaType,
    string? Format,
    string? Description,
    SpecLocation Location)
{
    /// <summary>The header's schema, read as a body field's is.</summary>
    public SpecSchema Schema { get; init; } = SpecSchema.Unknown;

    /// <summary>The name of the component schema it references (<c>CubeStatus</c>), if it references one.</summary>
    public string? SchemaName { get; init; }
}

/// <summary>A top-level scalar (or scalar-array) property of a request body: its name, value type, whether a list, required, words, values and whether a secret.</summary>
internal sealed record SpecBodyField(string Name, string Type, bool IsArray, bool Required, string? Description, EquatableArray<string> Values, bool Secret);

/// <summary>A property of a request or response body, with its schema.</summary>
internal sealed record SpecProperty(string Name, SpecSchema Schema, int MinItems = 0)
{
    /// <summary>The names of the item properties when this is an array of objects.</summary>
    public EquatableArray<string> ItemProperties => Schema.Items is { } items ? items.Properties.Select(p => p.Name).ToEquatableArray() : EquatableArray<string>.Empty;

    /// <summary>An item property when this is an array of objects.</summary>
    public SpecProperty? ItemProperty(string name) => Schema.Items?.Property(name);
}

/// <summary>
/// What the generator needs of a schema to check declarations against it: its type, its closed
/// list of values (with <c>x-enumNames</c> for an integer enum), its properties and its items.
/// </summary>
internal sealed record SpecSchema(
    string? Type,
    EquatableArray<string> Values,
    EquatableArray<string> ValueNames,
    EquatableArray<SpecProperty> Properties,
    SpecSchema? Items)
{
    public static SpecSchema Unknown { get; } = new(null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<SpecProperty>.Empty, null);

    /// <summary>Whether it is a set of flags (<c>x-enumFlags: true</c>): its values are bits.</summary>
    public bool Flags { get; init; }

    /// <summary>The properties it requires (<c>required</c>).</summary>
    public EquatableArray<string> Required { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Its <c>format</c> (<c>password</c> marks a secret), if any.</summary>
    public string? Format { get; init; }

    /// <summary>What the spec says of it, if anything.</summary>
    public string? Description { get; init; }

    public SpecProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

/// <summary>
/// Where each value of a declaration is written, by key (<c>status</c>, <c>succeeded[1]</c>,
/// <c>set.Prefer</c>), so a mistake is reported at its own line; <see cref="Block"/> (the
/// <c>x-strategy-*</c> key) for what is missing.
/// </summary>
internal sealed record SpecPlaces(SpecLocation Block, EquatableArray<SpecPlace> Places)
{
    public SpecLocation At(string key) => Places.FirstOrDefault(p => p.Key == key)?.Location ?? Block;
}

/// <summary>One value's place in the spec.</summary>
internal sealed record SpecPlace(string Key, SpecLocation Location);

/// <summary>A name and a value from a declaration's mapping.</summary>
internal sealed record NamedValue(string Name, string Value);
