using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// Resolves the <c>x-strategy-*</c> declarations against the spec and the generated clients.
/// A declaration that names something that does not exist is reported and produces no helper.
/// </summary>
/// <remarks>
/// Each kind of helper is one slice in its own file (Wait.cs, Start.cs, Scope.cs, Pages.cs): its
/// declaration, its model, and its parts of <see cref="WorkflowReader"/>, this class and
/// <see cref="WorkflowsEmitter"/>. This file holds what every kind uses.
/// </remarks>
internal sealed partial class WorkflowsBuilder
{
    private const string CancellationTokenName = "cancellationToken";

    private readonly OperationBindings _bindings;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly Dictionary<string, List<KindHelper>> _byClass = [];

    private readonly EquatableArray<SpecOperation> _operations;

    private WorkflowsBuilder(OperationBindings bindings)
    {
        _operations = bindings.Spec.Operations;
        _bindings = bindings;
    }

    public static WorkflowsModel Build(OperationBindings bindings)
    {
        var builder = new WorkflowsBuilder(bindings);
        foreach (var bound in bindings.Operations)
        {
            foreach (var declared in bound.Operation.Declarations)
            {
                DeclarationKinds.Of(declared.Extension)?.Resolve(builder, bound, declared.Value);
            }
        }

        var order = DeclarationKinds.All.Select(k => k.Extension).ToList();
        var clientWorkflows = builder._byClass
            .OrderBy(c => c.Key, System.StringComparer.Ordinal)
            .Select(c =>
            {
                var client = bindings.Clients.First(m => m.Name == c.Key);

                // Grouped by kind, in the kinds' order; within a kind, in the spec's order (OrderBy is stable).
                return new ClientWorkflows(client.Namespace, client.Name, c.Value.OrderBy(h => order.IndexOf(h.Extension)).ToEquatableArray());
            })
            .ToEquatableArray();

        return new WorkflowsModel(clientWorkflows, builder._diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The wait a declaration names, in the same client, or in the client of <paramref name="waitTag"/>
    /// when the spec names the wait's tag (a start may be waited on by another client's status call).
    /// </summary>
    private (SpecOperation Operation, ClientMethod Method, WaitDeclaration Wait)? WaitTarget(
        string extension, SpecOperation operation, BoundOperation bound, string waitOperationId, SpecLocation location, string? waitTag = null, SpecLocation? tagLocation = null)
    {
        var target = waitTag is null
            ? SameClientOperation(extension, operation, bound, waitOperationId, location)
            : TaggedOperation(extension, operation, waitOperationId, waitTag, location, tagLocation ?? location);
        if (target is not { } found)
        {
            return null;
        }

        if (found.Operation.Of<WaitDeclaration>() is not { } wait)
        {
            Report(Diagnostics.UnknownOperation, location, extension, operation.OperationId, waitOperationId, "which has no x-strategy-wait");
            return null;
        }

        return (found.Operation, found.Method, wait);
    }

    private (SpecOperation Operation, ClientMethod Method)? SameClientOperation(
        string extension, SpecOperation operation, BoundOperation bound, string operationId, SpecLocation location)
    {
        var target = _operations.FirstOrDefault(o => o.OperationId == operationId);
        if (target is null)
        {
            Report(Diagnostics.UnknownOperation, location, extension, operation.OperationId, operationId, "which the spec does not have" + Naming.DidYouMean(operationId, _operations.Select(o => o.OperationId)));
            return null;
        }

        if (target.ClientClassName != bound.Client.Name)
        {
            Report(Diagnostics.UnknownOperation, location, extension, operation.OperationId, operationId, "which is not in " + bound.Client.Name + " (give it the same tag, or name its tag with waitTag: " + target.Tag + ")");
            return null;
        }

        return _bindings.Of(target.OperationId) is { } method ? (target, method.Method) : null;
    }

    private (SpecOperation Operation, ClientMethod Method)? TaggedOperation(
        string extension, SpecOperation operation, string operationId, string tag, SpecLocation location, SpecLocation tagLocation)
    {
        var target = _operations.FirstOrDefault(o => o.OperationId == operationId);
        if (target is null)
        {
            Report(Diagnostics.UnknownOperation, location, extension, operation.OperationId, operationId, "which the spec does not have" + Naming.DidYouMean(operationId, _operations.Select(o => o.OperationId)));
            return null;
        }

        if (target.Tag != tag)
        {
            Report(Diagnostics.UnknownOperation, tagLocation, extension, operation.OperationId, operationId, "whose tag is " + target.Tag + ", not " + tag);
            return null;
        }

        return _bindings.Of(target.OperationId) is { } method ? (target, method.Method) : null;
    }

    private bool RequireResult(string extension, SpecOperation operation, ClientMethod method, SpecLocation location) =>
        method.ResultType is not null
        || Report(Diagnostics.UnknownField, location, extension, operation.OperationId, "a response body", string.Empty, method.Name);

    private bool RequireField(string extension, SpecOperation operation, ClientMethod method, string field, SpecLocation location) =>
        (operation.ResponseProperties.Any(p => p.Name == field) && method.Property(Naming.Pascal(field)) is not null)
        || Report(Diagnostics.UnknownField, location, extension, operation.OperationId, "field", field, "the response of " + operation.OperationId, Naming.DidYouMean(field, operation.ResponseProperties.Select(p => p.Name)));

    private bool RequireItemFields(string extension, SpecOperation operation, string list, SpecLocation location, params string[] fields)
    {
        var items = operation.ResponseProperties.FirstOrDefault(p => p.Name == list)?.ItemProperties ?? EquatableArray<string>.Empty;
        var ok = true;
        foreach (var field in fields.Where(f => !items.Contains(f)))
        {
            ok = Report(Diagnostics.UnknownField, location, extension, operation.OperationId, "field", field, "the items of '" + list + "'");
        }

        return ok;
    }

    internal bool Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SpecLocation location, params string[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        return false;
    }

    /// <summary>Adds a helper of the kind <paramref name="extension"/> to <paramref name="client"/>'s file.</summary>
    internal void Add(ClientModel client, string extension, object helper)
    {
        if (!_byClass.TryGetValue(client.Name, out var helpers))
        {
            helpers = [];
            _byClass.Add(client.Name, helpers);
        }

        helpers.Add(new KindHelper(extension, helper));
    }

    private static EquatableArray<HelperParameter> Parameters(ClientMethod method, IEnumerable<string> skip)
    {
        var skipped = new HashSet<string>(skip);
        return WithoutToken(method.Parameters)
            .Where(p => !skipped.Contains(p.Name))
            .Select(p => new HelperParameter(p.Name, p.Type))
            .ToEquatableArray();
    }

    private static IEnumerable<ClientParameter> WithoutToken(EquatableArray<ClientParameter> parameters) =>
        parameters.Where(p => p.Name != CancellationTokenName);

    private static ClientParameter? FindParameter(ClientMethod method, string name) =>
        WithoutToken(method.Parameters).FirstOrDefault(p => SameName(p.Name, name));

    /// <summary>NSwag turns <c>Prefer</c> into <c>prefer</c> and <c>X-MSTR-Foo</c> into <c>x_MSTR_Foo</c>: compare letters and digits only.</summary>
    private static bool SameName(string left, string right) =>
        string.Equals(Normalize(left), Normalize(right), System.StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string name) => new(name.Where(char.IsLetterOrDigit).ToArray());

    private static string Literal(string type, string value)
    {
        var text = Literals.String(value);
        var bare = type.TrimEnd('?');
        return bare is "string" or "global::System.String"
            ? text
            : "global::Strategy.Generated.StrategyEnums.Parse<" + bare + ">(" + text + ")";
    }
}
