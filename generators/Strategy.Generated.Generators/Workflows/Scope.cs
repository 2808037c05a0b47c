using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

// x-strategy-scope: open a resource, run and wait in it, always close it; reopen on expiry when repeating is safe.

/// <summary><c>x-strategy-scope</c>: this operation needs a resource opened before it and closed after, whatever happens.</summary>
internal sealed record ScopeDeclaration(
    string Helper,
    string Open,
    string OpenHeader,
    string As,
    string Close,
    string Wait,
    ReopenDeclaration? Reopen,
    SpecPlaces Places);

/// <summary>
/// <c>x-strategy-scope.reopen</c>: the error code that says the resource expired, and which
/// request items may be sent again without changing the result.
/// </summary>
internal sealed record ReopenDeclaration(
    string On,
    RepeatableDeclaration? Repeatable,
    SpecPlaces Places);

/// <summary>Request body items whose <see cref="Field"/> must be one of <see cref="Values"/> for the work to be safe to repeat.</summary>
internal sealed record RepeatableDeclaration(
    string Parameter,
    string Items,
    string Field,
    EquatableArray<string> Values,
    string? Subject,
    SpecPlaces Places);

/// <summary>Opens a resource, runs the operation and waits for it, and closes the resource whatever happens.</summary>
internal sealed record ScopeHelper(
    string OperationId,
    string Name,
    EquatableArray<HelperParameter> Parameters,
    string OpenOperationId,
    string OpenMethod,
    EquatableArray<string> OpenArguments,
    string OpenHeader,
    string OpenHeaderProperty,
    string ResourceVariable,
    string ScopedMethod,
    EquatableArray<string> ScopedArguments,
    string CloseOperationId,
    string CloseMethod,
    EquatableArray<string> CloseArguments,
    string WaitName,
    string WaitOperationId,
    EquatableArray<string> WaitArguments,
    string ResultType,
    string ResourceName,
    ReopenHelper? Reopen,
    EquatableArray<MinimumItems> BodyMinimums);

/// <summary>A list in the request body that must hold at least <see cref="Count"/> items (<c>minItems</c>), checked before anything is sent.</summary>
internal sealed record MinimumItems(string Parameter, string JsonName, string Property, int Count);

/// <summary>When a scope's resource counts as expired, and which request items make starting again unsafe.</summary>
internal sealed record ReopenHelper(string ErrorCode, RepeatableHelper? Repeatable);

/// <summary>Items of a request parameter whose field must hold one of <see cref="Values"/> for the work to be repeatable.</summary>
internal sealed record RepeatableHelper(
    string Parameter,
    string ItemsProperty,
    string FieldJson,
    string FieldProperty,
    EquatableArray<string> Values,
    string? SubjectProperty);

/// <summary>Reads the <c>x-strategy-scope</c> declaration.</summary>
internal sealed partial class WorkflowReader
{
    internal static ScopeDeclaration ReadScope(Entry e) => new(
        e.Identifier("helper"),
        e.Required("open"),
        e.Required("openHeader"),
        e.Required("as"),
        e.Required("close"),
        e.Required("wait"),
        e.Nested("reopen") is { } reopen ? ReadReopen(reopen) : null,
        e.Places);

    private static ReopenDeclaration? ReadReopen(Entry e)
    {
        var items = e.Nested("repeatable");
        var repeatable = items is null ? null : ReadRepeatable(items);
        var declaration = new ReopenDeclaration(e.Required("on"), repeatable, e.Places);

        // A broken safety rule must not read as "always safe": then there is no reopening at all.
        return e.Failed || (items is not null && repeatable is null) ? null : declaration;
    }

    private static RepeatableDeclaration? ReadRepeatable(Entry e)
    {
        var declaration = new RepeatableDeclaration(
            e.Optional("parameter") ?? "body",
            e.Required("items"),
            e.Required("field"),
            e.List("values", required: true),
            e.Optional("subject"),
            e.Places);
        return e.Failed ? null : declaration;
    }
}

/// <summary>Resolves the <c>x-strategy-scope</c> declaration against the generated client.</summary>
internal sealed partial class WorkflowsBuilder
{
    internal void AddScope(SpecOperation operation, BoundOperation bound, ScopeDeclaration scope)
    {
        const string Extension = ScopeKind.Name;
        var places = scope.Places;
        var target = WaitTarget(Extension, operation, bound, scope.Wait, places.At("wait"));
        var open = SameClientOperation(Extension, operation, bound, scope.Open, places.At("open"));
        var close = SameClientOperation(Extension, operation, bound, scope.Close, places.At("close"));
        if (target is not { } wait || open is null || close is null)
        {
            return;
        }

        var ok = true;
        if (!open.Value.Operation.ResponseHeaders.Any(h => string.Equals(h.Name, scope.OpenHeader, System.StringComparison.OrdinalIgnoreCase))
            || open.Value.Method.WrappedResponseType is null)
        {
            ok = Report(Diagnostics.UnknownField, places.At("openHeader"), Extension, operation.OperationId, "response header", scope.OpenHeader, open.Value.Operation.OperationId + " (declared and wrapped)");
        }

        var resource = FindParameter(bound.Method, scope.As)?.Name;
        if (resource is null)
        {
            ok = Report(Diagnostics.UnknownField, places.At("as"), Extension, operation.OperationId, "parameter", scope.As, bound.Method.Name);
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
                    ok = Report(Diagnostics.UnknownField, places.Block, Extension, operation.OperationId, "parameter", parameter.Name, method.Name + " (needed by " + called.Name + ")");
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
                    ok = Report(Diagnostics.UnknownField, rule.Places.At("parameter"), Extension, operation.OperationId, "parameter", rule.Parameter, method.Name);
                }
                else if (itemFields is null)
                {
                    ok = Report(Diagnostics.UnknownField, rule.Places.At("items"), Extension, operation.OperationId, "field", rule.Items, "the request body of " + operation.OperationId);
                }
                else
                {
                    foreach (var (key, field) in new[] { ("field", rule.Field), ("subject", rule.Subject) }.Where(f => f.Item2 is not null && !itemFields.Value.Contains(f.Item2)))
                    {
                        ok = Report(Diagnostics.UnknownField, rule.Places.At(key), Extension, operation.OperationId, "field", field!, "the items of '" + rule.Items + "' in the request body");
                    }

                    var fieldSchema = operation.RequestProperties.First(p => p.Name == rule.Items).ItemProperty(rule.Field)?.Schema ?? SpecSchema.Unknown;
                    var values = CheckValues(Extension, operation, rule.Items + "[]." + rule.Field, fieldSchema, rule.Values, rule.Places, "values", ref ok);

                    repeatable = new RepeatableHelper(
                        bodyParameter.Name,
                        Naming.Pascal(rule.Items),
                        rule.Field,
                        Naming.Pascal(rule.Field),
                        values,
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

        Add(bound.Client, ScopeKind.Name, new ScopeHelper(
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
}

/// <summary>Emits the <c>x-strategy-scope</c> helper.</summary>
internal static partial class WorkflowsEmitter
{
    internal static void EmitScope(SourceWriter writer, List<InterfaceMember> members, ScopeHelper scope)
    {
        var docs = new SourceWriter();
        var expiry = scope.Reopen is not { } reopen
            ? "If the " + scope.ResourceName + " expires on the server while waiting, the status call's error is thrown as it is; the work is not started again."
            : "If the " + scope.ResourceName + " expires on the server (the server answers <c>" + Literals.Xml(reopen.ErrorCode) + "</c>), a new one is opened and the work started again, once"
              + (reopen.Repeatable is { } rule
                  ? ", when every item of <c>" + rule.Parameter + "." + rule.ItemsProperty + "</c> has a <c>" + Literals.Xml(rule.FieldJson) + "</c> of " + Values(rule.Values)
                    + " (repeating them gives the same result); otherwise this throws <see cref=\"" + Runtime + "StrategyResourceExpiredException\"/> naming the items that are not safe to repeat."
                  : ".")
              + " The reopening is reported through <see cref=\"" + Runtime + "StrategyWaitOptions.ScopeChanged\"/> and <see cref=\"" + Runtime + "StrategyWaitProgress{T}.Reopens\"/>.";
        docs.Doc(
            "Runs <c>" + scope.OperationId + "</c> from start to finish: opens " + Article(scope.ResourceName) + " " + scope.ResourceName + " with <c>" + scope.OpenOperationId + "</c> (its id comes in the <c>"
            + Literals.Xml(scope.OpenHeader) + "</c> header), calls <c>" + scope.OperationId + "</c> in it, waits with <see cref=\"" + scope.WaitName + "\"/> (polling <c>"
            + scope.WaitOperationId + "</c>), and deletes it with <c>" + scope.CloseOperationId + "</c> whatever happens: on success, failure, timeout and cancellation.\n"
            + "Options are checked before anything is sent. Deleting runs under its own time limit (<see cref=\"" + Runtime + "StrategyWaitOptions.CleanupTimeout\"/>), not <paramref name=\"cancellationToken\"/>; "
            + "a failure to delete is passed to <see cref=\"" + Runtime + "StrategyWaitOptions.CleanupFailed\"/> and does not hide the outcome.\n"
            + expiry);
        ParameterDocs(docs, scope.Parameters, "Passed to the operations that take it.");
        WaitDocs(docs, "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyOperationFailedException\">The server reported that the work failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyWaitTimeoutException\">The work was still running when the wait's time limit ran out.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyUnreachableException\">The server could not be reached, more times in a row than the options allow.</exception>");
        if (scope.Reopen is not null)
        {
            docs.Line("/// <exception cref=\"" + Runtime + "StrategyResourceExpiredException\">The " + scope.ResourceName + " expired and the work could not safely be started again.</exception>");
        }

        ApiExceptionDoc(docs);
        Member(writer, members, docs, "public virtual ", Tasks + "Task<" + scope.ResultType + "> " + scope.Name + "(" + Signature(scope.Parameters, OptionsParameter, Progress(scope.ResultType), TokenParameter) + ")");
        Validate(writer, scope.Parameters);
        foreach (var minimum in scope.BodyMinimums)
        {
            // The server refuses such a body only after the resource was opened; refuse it before.
            writer.Open("if (" + minimum.Parameter + "." + minimum.Property + " is not { Count: >= " + minimum.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " })");
            writer.Line("throw new global::System.ArgumentException(" + Quote("'" + minimum.JsonName + "' needs at least " + minimum.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " item(s).") + ", nameof(" + minimum.Parameter + "));");
            writer.Close();
        }

        var resource = scope.ResourceVariable;
        writer.Line("return " + Runtime + "StrategyScope.RunAsync(");
        writer.Line("    new " + Runtime + "StrategyScopeWork<" + scope.ResultType + ">(");
        writer.Line("        " + Workflow(scope.Name, scope.Parameters, ItemTags(scope)) + ",");
        writer.Line("        new " + Runtime + "StrategyScopeDeclaration(" + Quote(scope.OperationId) + ", " + Quote(scope.ResourceName) + ", " + ScopeDescription(scope) + ", "
                    + (scope.Reopen is { } declared ? Quote(declared.ErrorCode) : "null") + ", "
                    + (scope.Reopen?.Repeatable is { } repeatable ? NotRepeatableName(scope) + "(" + repeatable.Parameter + ")" : "global::System.Array.Empty<string>()") + "),");
        writer.Line("        async ct =>");
        writer.Line("        {");
        writer.Line("            var opened = await " + scope.OpenMethod + "(" + Arguments(scope.OpenArguments, "ct") + ").ConfigureAwait(false);");
        writer.Line("            return opened." + scope.OpenHeaderProperty + " ?? throw new " + Runtime + "StrategyApiException(");
        writer.Line("                " + Quote(scope.OpenOperationId + " answered without the " + scope.OpenHeader + " header") + ", opened.StatusCode, null, opened.Headers, null);");
        writer.Line("        },");
        writer.Line("        (" + resource + ", ct) => " + scope.ScopedMethod + "(" + Arguments(scope.ScopedArguments, "ct") + "),");
        writer.Line("        (" + resource + ", waitOptions, waitProgress, ct) => " + scope.WaitName + "(" + Arguments(scope.WaitArguments, "options: waitOptions", "progress: waitProgress", "cancellationToken: ct") + "),");
        writer.Line("        (" + resource + ", ct) => " + scope.CloseMethod + "(" + Arguments(scope.CloseArguments, "ct") + ")),");
        writer.Line("    options,");
        writer.Line("    progress,");
        writer.Line("    cancellationToken);");
        writer.Close();
        writer.Line();

        if (scope.Reopen?.Repeatable is { } rule2)
        {
            var parameterType = scope.Parameters.First(p => p.Name == rule2.Parameter).Type;
            writer.Doc("The items of <paramref name=\"" + rule2.Parameter + "\"/> that would not give the same result if the work were started again.");
            writer.Open("private static global::System.Collections.Generic.IReadOnlyList<string> " + NotRepeatableName(scope) + "(" + parameterType + " " + rule2.Parameter + ")");
            writer.Line("var notRepeatable = new global::System.Collections.Generic.List<string>();");
            writer.Open("foreach (var item in " + rule2.Parameter + "." + rule2.ItemsProperty + " ?? [])");
            writer.Open("if (item is null)");
            writer.Line("continue;");
            writer.Close();
            writer.Line();
            writer.Line("var value = " + Runtime + "StrategyWire.ValueOf(item, " + Quote(rule2.FieldJson) + ", item." + rule2.FieldProperty + ");");
            writer.Open("if (value is not (" + Patterns(rule2.Values) + "))");
            var described = rule2.SubjectProperty is null ? "value" : Runtime + "StrategyWire.Text(item." + rule2.SubjectProperty + ") + \" (\" + value + \")\"";
            writer.Line("notRepeatable.Add(" + described + ");");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Line("return notRepeatable;");
            writer.Close();
            writer.Line();
        }
    }

    private static string NotRepeatableName(ScopeHelper scope) => "NotRepeatable" + scope.Name.Substring(0, scope.Name.Length - "Async".Length);

    private static string ScopeDescription(ScopeHelper scope)
    {
        // Each id labelled by its parameter's name: "PublishDataModel (data model " + dataModelId + ")".
        var identifying = scope.Parameters.Where(p => p.Type is "string" or "global::System.String").Select(p => p.Name).ToList();
        if (identifying.Count == 0)
        {
            return Quote(scope.OperationId);
        }

        var parts = new List<string>();
        for (var i = 0; i < identifying.Count; i++)
        {
            parts.Add(Quote((i == 0 ? scope.OperationId + " (" : ", ") + Naming.Label(identifying[i]) + " "));
            parts.Add(identifying[i]);
        }

        parts.Add(Quote(")"));
        return string.Join(" + ", parts);
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiou".IndexOf(char.ToLowerInvariant(noun[0])) >= 0 ? "an" : "a";

    /// <summary>The span tags that describe the request body's items: how many, and the distinct values of the field the reopen rule reads (the refresh policies).</summary>
    private static IEnumerable<string> ItemTags(ScopeHelper scope)
    {
        if (scope.Reopen?.Repeatable is not { } rule)
        {
            yield break;
        }

        var items = rule.Parameter + "." + rule.ItemsProperty;
        var prefix = "strategy." + SnakeCase(rule.ItemsProperty);
        yield return Runtime + "StrategyWorkflow.Tag(" + Quote(prefix + ".count") + ", " + items + "?.Count)";
        yield return Runtime + "StrategyWorkflow.Tag(" + Quote(prefix + "." + SnakeCase(rule.FieldProperty)) + ", " + Runtime + "StrategyWorkflow.Distinct(" + items
                     + ", item => " + Runtime + "StrategyWire.ValueOf(item, " + Quote(rule.FieldJson) + ", item." + rule.FieldProperty + ")))";
    }
}

/// <summary>The <c>x-strategy-scope</c> kind: its reading, resolving and emitting are the partial slices in this file.</summary>
internal sealed class ScopeKind : DeclarationKind<ScopeDeclaration, ScopeHelper>
{
    public const string Name = "x-strategy-scope";

    public override string Extension => Name;

    public override int Order => 3;

    protected override ScopeDeclaration? ReadDeclaration(WorkflowReader reader, WorkflowReader.Entry entry) => WorkflowReader.ReadScope(entry);

    protected override void Resolve(WorkflowsBuilder builder, BoundOperation bound, ScopeDeclaration declaration) => builder.AddScope(bound.Operation, bound, declaration);

    protected override void Emit(HelperEmission emission, ScopeHelper helper) => WorkflowsEmitter.EmitScope(emission.Writer, emission.Members, helper);
}

/// <summary>Registers the <c>x-strategy-scope</c> kind.</summary>
internal static partial class DeclarationKinds
{
    private static readonly DeclarationKind ScopeRegistered = Register(new ScopeKind());
}
