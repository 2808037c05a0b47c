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

/// <summary>The <c>x-strategy-*</c> declarations on one operation.</summary>
internal sealed record WorkflowDeclarations(
    WaitDeclaration? Wait,
    StartDeclaration? Start,
    ScopeDeclaration? Scope,
    PagesDeclaration? Pages)
{
    public static WorkflowDeclarations None { get; } = new(null, null, null, null);
}

/// <summary><c>x-strategy-wait</c>: this operation reports the status of long-running work.</summary>
internal sealed record WaitDeclaration(
    string Helper,
    string Describe,
    string Status,
    EquatableArray<string> Running,
    EquatableArray<string> Succeeded,
    EquatableArray<string> Failed,
    string? FailedBelow,
    string? Errors,
    FailedItemsDeclaration? FailedItems,
    SpecLocation Location);

/// <summary>Items of the status answer that fail the work on their own (a table that failed to load).</summary>
internal sealed record FailedItemsDeclaration(
    string Items,
    string Status,
    EquatableArray<string> Values,
    string? Subject,
    string? Code,
    string? Message,
    SpecLocation Location);

/// <summary><c>x-strategy-start</c>: this operation starts work that <see cref="Wait"/> reports on.</summary>
internal sealed record StartDeclaration(
    string Helper,
    string Wait,
    EquatableArray<NamedValue> Set,
    EquatableArray<NamedValue> Bind,
    SpecLocation Location);

/// <summary><c>x-strategy-scope</c>: this operation needs a resource opened before it and closed after, whatever happens.</summary>
internal sealed record ScopeDeclaration(
    string Helper,
    string Open,
    string OpenHeader,
    string As,
    string Close,
    string Wait,
    ReopenDeclaration? Reopen,
    SpecLocation Location);

/// <summary>
/// <c>x-strategy-scope.reopen</c>: the error code that says the resource expired, and which
/// request items may be sent again without changing the result.
/// </summary>
internal sealed record ReopenDeclaration(
    string On,
    RepeatableDeclaration? Repeatable,
    SpecLocation Location);

/// <summary>Request body items whose <see cref="Field"/> must be one of <see cref="Values"/> for the work to be safe to repeat.</summary>
internal sealed record RepeatableDeclaration(
    string Parameter,
    string Items,
    string Field,
    EquatableArray<string> Values,
    string? Subject,
    SpecLocation Location);

/// <summary><c>x-strategy-pages</c>: this operation lists items a page at a time.</summary>
internal sealed record PagesDeclaration(
    string Helper,
    string Items,
    string? Total,
    string? TotalHeader,
    string Offset,
    string Limit,
    SpecLocation Location);

/// <summary>A name and a value from a declaration's mapping.</summary>
internal sealed record NamedValue(string Name, string Value);
