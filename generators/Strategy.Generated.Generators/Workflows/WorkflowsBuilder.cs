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
internal sealed class WorkflowsBuilder
{
    private const string CancellationTokenName = "cancellationToken";

    private readonly SpecDocument _spec;
    private readonly EquatableArray<ClientModel> _clients;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly Dictionary<string, (List<WaitHelper> Waits, List<StartHelper> Starts, List<ScopeHelper> Scopes, List<PagesHelper> Pages)> _byClass = [];

    private WorkflowsBuilder(SpecDocument spec, EquatableArray<ClientModel> clients)
    {
        _spec = spec;
        _clients = clients;
    }

    public static WorkflowsModel Build(SpecDocument spec, EquatableArray<ClientModel> clients)
    {
        var builder = new WorkflowsBuilder(spec, clients);
        foreach (var operation in spec.Operations)
        {
            if (builder.MethodOf(operation) is not { } bound)
            {
                continue; // STRAT003 is reported by the response-header step.
            }

            var workflows = operation.Workflows;
            if (workflows.Wait is { } wait)
            {
                builder.AddWait(operation, bound, wait);
            }

            if (workflows.Start is { } start)
            {
                builder.AddStart(operation, bound, start);
            }

            if (workflows.Scope is { } scope)
            {
                builder.AddScope(operation, bound, scope);
            }

            if (workflows.Pages is { } pages)
            {
                builder.AddPages(operation, bound, pages);
            }
        }

        var clientWorkflows = builder._byClass
            .OrderBy(c => c.Key, System.StringComparer.Ordinal)
            .Select(c =>
            {
                var client = clients.First(m => m.Name == c.Key);
                return new ClientWorkflows(
                    client.Namespace,
                    client.Name,
                    c.Value.Waits.ToEquatableArray(),
                    c.Value.Starts.ToEquatableArray(),
                    c.Value.Scopes.ToEquatableArray(),
                    c.Value.Pages.ToEquatableArray());
            })
            .ToEquatableArray();

        return new WorkflowsModel(clientWorkflows, builder._diagnostics.ToEquatableArray());
    }

    private void AddWait(SpecOperation operation, BoundOperation bound, WaitDeclaration wait)
    {
        const string Extension = "x-strategy-wait";
        var method = bound.Method;
        var ok = RequireResult(Extension, operation, method, wait.Location);
        ok &= RequireField(Extension, operation, method, wait.Status, wait.Location);
        if (wait.Errors is { } errors)
        {
            ok &= RequireField(Extension, operation, method, errors, wait.Location);
            ok &= RequireItemFields(Extension, operation, errors, wait.Location, "code", "message");
        }

        FailedItemsHelper? failedItems = null;
        if (wait.FailedItems is { } items)
        {
            var itemFields = new[] { items.Status, items.Subject, items.Code, items.Message }.OfType<string>().ToArray();
            ok &= RequireField(Extension, operation, method, items.Items, items.Location)
                  && RequireItemFields(Extension, operation, items.Items, items.Location, itemFields);
            failedItems = new FailedItemsHelper(
                Naming.Pascal(items.Items),
                items.Status,
                Naming.Pascal(items.Status),
                items.Values,
                items.Subject is null ? null : Naming.Pascal(items.Subject),
                items.Code is null ? null : Naming.Pascal(items.Code),
                items.Message is null ? null : Naming.Pascal(items.Message));
        }

        if (!ok)
        {
            return;
        }

        Helpers(bound.Client).Waits.Add(new WaitHelper(
            operation.OperationId,
            wait.Helper + "Async",
            method.Name,
            Parameters(method, skip: []),
            method.ResultType!,
            wait.Describe,
            wait.Status,
            Naming.Pascal(wait.Status),
            wait.Running,
            wait.Succeeded,
            wait.Failed,
            wait.FailedBelow,
            wait.Errors is null ? null : Naming.Pascal(wait.Errors),
            wait.Errors is null ? null : method.Property(Naming.Pascal(wait.Errors))?.ElementType,
            failedItems));
    }

    private void AddStart(SpecOperation operation, BoundOperation bound, StartDeclaration start)
    {
        const string Extension = "x-strategy-start";
        if (WaitTarget(Extension, operation, bound, start.Wait, start.Location) is not { } target)
        {
            return;
        }

        var method = bound.Method;
        var ok = true;
        var setArguments = new Dictionary<string, string>();
        foreach (var set in start.Set)
        {
            if (FindParameter(method, set.Name) is { } parameter)
            {
                setArguments[parameter.Name] = Literal(parameter.Type, set.Value);
            }
            else
            {
                ok = Report(Diagnostics.UnknownField, start.Location, Extension, operation.OperationId, "parameter", set.Name, method.Name);
            }
        }

        var waitArguments = new List<string>();
        foreach (var parameter in WithoutToken(target.Method.Parameters))
        {
            var bind = start.Bind.FirstOrDefault(b => SameName(b.Name, parameter.Name));
            if (bind is not null)
            {
                ok &= RequireField(Extension, operation, method, bind.Value, start.Location);
                waitArguments.Add("started." + Naming.Pascal(bind.Value));
            }
            else if (FindParameter(method, parameter.Name) is not null)
            {
                waitArguments.Add(parameter.Name);
            }
            else
            {
                ok = Report(Diagnostics.UnknownField, start.Location, Extension, operation.OperationId, "parameter", parameter.Name, method.Name + " (bind it to a response field)");
            }
        }

        if (!ok)
        {
            return;
        }

        Helpers(bound.Client).Starts.Add(new StartHelper(
            operation.OperationId,
            start.Helper + "Async",
            method.Name,
            Parameters(method, skip: setArguments.Keys),
            WithoutToken(method.Parameters).Select(p => setArguments.TryGetValue(p.Name, out var value) ? value : p.Name).ToEquatableArray(),
            target.Wait.Helper + "Async",
            target.Operation.OperationId,
            waitArguments.ToEquatableArray(),
            target.Method.ResultType!,
            method.ResultNullable));
    }

    private void AddScope(SpecOperation operation, BoundOperation bound, ScopeDeclaration scope)
    {
        const string Extension = "x-strategy-scope";
        var target = WaitTarget(Extension, operation, bound, scope.Wait, scope.Location);
        var open = SameClientOperation(Extension, operation, bound, scope.Open, scope.Location);
        var close = SameClientOperation(Extension, operation, bound, scope.Close, scope.Location);
        if (target is not { } wait || open is null || close is null)
        {
            return;
        }

        var ok = true;
        if (!open.Value.Operation.ResponseHeaders.Any(h => string.Equals(h.Name, scope.OpenHeader, System.StringComparison.OrdinalIgnoreCase))
            || open.Value.Method.WrappedResponseType is null)
        {
            ok = Report(Diagnostics.UnknownField, scope.Location, Extension, operation.OperationId, "response header", scope.OpenHeader, open.Value.Operation.OperationId + " (declared and wrapped)");
        }

        var resource = FindParameter(bound.Method, scope.As)?.Name;
        if (resource is null)
        {
            ok = Report(Diagnostics.UnknownField, scope.Location, Extension, operation.OperationId, "parameter", scope.As, bound.Method.Name);
        }

        var method = bound.Method;
        var helperParameters = Parameters(method, skip: resource is null ? [] : [resource]);
        string[]? Arguments(ClientMethod called)
        {
            var arguments = new List<string>();
            foreach (var parameter in WithoutToken(called.Parameters))
            {
                if (resource is not null && SameName(parameter.Name, resource))
                {
                    arguments.Add(resource);
                }
                else if (helperParameters.Any(p => p.Name == parameter.Name))
                {
                    arguments.Add(parameter.Name);
                }
                else if (parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
                {
                    // An optional parameter the helper does not offer keeps the server's default.
                    arguments.Add("null");
                }
                else
                {
                    ok = Report(Diagnostics.UnknownField, scope.Location, Extension, operation.OperationId, "parameter", parameter.Name, method.Name + " (needed by " + called.Name + ")");
                    return null;
                }
            }

            return arguments.ToArray();
        }

        ReopenHelper? reopen = null;
        if (scope.Reopen is { } reopenDeclaration)
        {
            RepeatableHelper? repeatable = null;
            if (reopenDeclaration.Repeatable is { } rule)
            {
                var bodyParameter = helperParameters.FirstOrDefault(p => SameName(p.Name, rule.Parameter));
                var itemFields = operation.RequestProperties.FirstOrDefault(p => p.Name == rule.Items)?.ItemProperties;
                if (bodyParameter is null)
                {
                    ok = Report(Diagnostics.UnknownField, rule.Location, Extension, operation.OperationId, "parameter", rule.Parameter, method.Name);
                }
                else if (itemFields is null)
                {
                    ok = Report(Diagnostics.UnknownField, rule.Location, Extension, operation.OperationId, "field", rule.Items, "the request body of " + operation.OperationId);
                }
                else
                {
                    foreach (var field in new[] { rule.Field, rule.Subject }.OfType<string>().Where(f => !itemFields.Value.Contains(f)))
                    {
                        ok = Report(Diagnostics.UnknownField, rule.Location, Extension, operation.OperationId, "field", field, "the items of '" + rule.Items + "' in the request body");
                    }

                    repeatable = new RepeatableHelper(
                        bodyParameter.Name,
                        Naming.Pascal(rule.Items),
                        rule.Field,
                        Naming.Pascal(rule.Field),
                        rule.Values,
                        rule.Subject is null ? null : Naming.Pascal(rule.Subject));
                }
            }

            reopen = new ReopenHelper(reopenDeclaration.On, repeatable);
        }

        var openArguments = Arguments(open.Value.Method);
        var scopedArguments = Arguments(method);
        var closeArguments = Arguments(close.Value.Method);
        var waitArguments = Arguments(wait.Method);
        if (!ok || openArguments is null || scopedArguments is null || closeArguments is null || waitArguments is null)
        {
            return;
        }

        Helpers(bound.Client).Scopes.Add(new ScopeHelper(
            operation.OperationId,
            scope.Helper + "Async",
            helperParameters,
            open.Value.Operation.OperationId,
            open.Value.Method.Name,
            openArguments.ToEquatableArray(),
            scope.OpenHeader,
            Naming.HeaderProperty(scope.OpenHeader),
            resource!,
            method.Name,
            scopedArguments.ToEquatableArray(),
            close.Value.Operation.OperationId,
            close.Value.Method.Name,
            closeArguments.ToEquatableArray(),
            wait.Wait.Helper + "Async",
            wait.Operation.OperationId,
            waitArguments.ToEquatableArray(),
            wait.Method.ResultType!,
            ResourceName(resource!),
            reopen,
            BodyMinimums(operation, helperParameters)));
    }

    /// <summary>The request body's lists with a minItems, for a helper to check before it opens anything.</summary>
    private static EquatableArray<MinimumItems> BodyMinimums(SpecOperation operation, EquatableArray<HelperParameter> parameters)
    {
        var body = parameters.FirstOrDefault(p => p.Name == "body");
        return body is null
            ? EquatableArray<MinimumItems>.Empty
            : operation.RequestProperties
                .Where(p => p.MinItems > 0)
                .Select(p => new MinimumItems(body.Name, p.Name, Naming.Pascal(p.Name), p.MinItems))
                .ToEquatableArray();
    }

    /// <summary><c>instanceId</c> names an <c>instance</c>.</summary>
    private static string ResourceName(string parameter) =>
        parameter.Length > 2 && parameter.EndsWith("Id", System.StringComparison.Ordinal) ? parameter.Substring(0, parameter.Length - 2) : parameter;

    private void AddPages(SpecOperation operation, BoundOperation bound, PagesDeclaration pages)
    {
        const string Extension = "x-strategy-pages";
        var method = bound.Method;
        var ok = RequireResult(Extension, operation, method, pages.Location)
                 && RequireField(Extension, operation, method, pages.Items, pages.Location);
        var offset = FindParameter(method, pages.Offset);
        var limit = FindParameter(method, pages.Limit);
        if (offset is null)
        {
            ok = Report(Diagnostics.UnknownField, pages.Location, Extension, operation.OperationId, "parameter", pages.Offset, method.Name);
        }

        if (limit is null)
        {
            ok = Report(Diagnostics.UnknownField, pages.Location, Extension, operation.OperationId, "parameter", pages.Limit, method.Name);
        }

        var result = method.WrappedResponseType is null ? "page" : "page.Result";
        string totalAccess;
        string totalSource;
        if (pages.Total is { } total)
        {
            ok &= RequireField(Extension, operation, method, total, pages.Location);
            totalAccess = result + "." + Naming.Pascal(total);
            totalSource = "the <c>" + Literals.Xml(total) + "</c> field";
        }
        else
        {
            var header = pages.TotalHeader!;
            if (method.WrappedResponseType is null || !operation.ResponseHeaders.Any(h => string.Equals(h.Name, header, System.StringComparison.OrdinalIgnoreCase)))
            {
                ok = Report(Diagnostics.UnknownField, pages.Location, Extension, operation.OperationId, "response header", header, operation.OperationId + " (declared and wrapped)");
            }

            totalAccess = "page." + Naming.HeaderProperty(header);
            totalSource = "the <c>" + Literals.Xml(header) + "</c> header";
        }

        var items = method.Property(Naming.Pascal(pages.Items));
        if (!ok || items?.ElementType is null || offset is null || limit is null)
        {
            return;
        }

        Helpers(bound.Client).Pages.Add(new PagesHelper(
            operation.OperationId,
            pages.Helper + "Async",
            method.Name,
            Parameters(method, skip: [offset.Name, limit.Name]),
            WithoutToken(method.Parameters)
                .Select(p => p.Name == offset.Name ? "offset" : p.Name == limit.Name ? "limit" : p.Name)
                .ToEquatableArray(),
            items.ElementType,
            result + "." + items.Name,
            totalAccess,
            totalSource));
    }

    private (SpecOperation Operation, ClientMethod Method, WaitDeclaration Wait)? WaitTarget(
        string extension, SpecOperation operation, BoundOperation bound, string waitOperationId, SpecLocation location)
    {
        if (SameClientOperation(extension, operation, bound, waitOperationId, location) is not { } target)
        {
            return null;
        }

        if (target.Operation.Workflows.Wait is not { } wait)
        {
            Report(Diagnostics.UnknownOperation, location, extension, operation.OperationId, waitOperationId, "which has no x-strategy-wait");
            return null;
        }

        return (target.Operation, target.Method, wait);
    }

    private (SpecOperation Operation, ClientMethod Method)? SameClientOperation(
        string extension, SpecOperation operation, BoundOperation bound, string operationId, SpecLocation location)
    {
        var target = _spec.Operations.FirstOrDefault(o => o.OperationId == operationId);
        if (target is null)
        {
            Report(Diagnostics.UnknownOperation, location, extension, operation.OperationId, operationId, "which the spec does not have");
            return null;
        }

        if (target.ClientClassName != bound.Client.Name)
        {
            Report(Diagnostics.UnknownOperation, location, extension, operation.OperationId, operationId, "which is not in " + bound.Client.Name + " (give it the same tag)");
            return null;
        }

        return MethodOf(target) is { } method ? (target, method.Method) : null;
    }

    private bool RequireResult(string extension, SpecOperation operation, ClientMethod method, SpecLocation location) =>
        method.ResultType is not null
        || Report(Diagnostics.UnknownField, location, extension, operation.OperationId, "a response body", string.Empty, method.Name);

    private bool RequireField(string extension, SpecOperation operation, ClientMethod method, string field, SpecLocation location) =>
        (operation.ResponseProperties.Any(p => p.Name == field) && method.Property(Naming.Pascal(field)) is not null)
        || Report(Diagnostics.UnknownField, location, extension, operation.OperationId, "field", field, "the response of " + operation.OperationId);

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

    private bool Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SpecLocation location, params string[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        return false;
    }

    private BoundOperation? MethodOf(SpecOperation operation)
    {
        var client = _clients.FirstOrDefault(c => c.Name == operation.ClientClassName);
        var method = client?.Methods.FirstOrDefault(m => m.Name == operation.MethodName);
        return client is null || method is null ? null : new BoundOperation(client, method);
    }

    private (List<WaitHelper> Waits, List<StartHelper> Starts, List<ScopeHelper> Scopes, List<PagesHelper> Pages) Helpers(ClientModel client)
    {
        if (!_byClass.TryGetValue(client.Name, out var helpers))
        {
            helpers = ([], [], [], []);
            _byClass.Add(client.Name, helpers);
        }

        return helpers;
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

    private sealed record BoundOperation(ClientModel Client, ClientMethod Method);
}
