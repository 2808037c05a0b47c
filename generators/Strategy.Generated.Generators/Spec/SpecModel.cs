using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Workflows;

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
    WorkflowDeclarations Workflows,
    SpecLocation Location)
{
    /// <summary>The NSwag client class (MultipleClientsFromFirstTagAndOperationId, className {controller}Client).</summary>
    public string ClientClassName => Naming.Pascal(Tag) + "Client";

    /// <summary>The NSwag method name.</summary>
    public string MethodName => Naming.Pascal(OperationId) + "Async";
}

/// <summary>A response header that carries data.</summary>
internal sealed record SpecHeader(
    string Name,
    string SchemaType,
    string? Format,
    string? Description,
    SpecLocation Location);

/// <summary>A property of an operation's success response, with its items' property names when it is an array of objects.</summary>
internal sealed record SpecProperty(string Name, EquatableArray<string> ItemProperties, int MinItems = 0);

/// <summary>A name and a value from a declaration's mapping.</summary>
internal sealed record NamedValue(string Name, string Value);
