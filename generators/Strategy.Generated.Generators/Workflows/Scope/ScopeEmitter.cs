using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;
using static Strategy.Generated.Generators.Workflows.EmitContext;

namespace Strategy.Generated.Generators.Workflows.Scope;

/// <summary>Writes an <c>x-strategy-scope</c> helper: open, start, wait, close whatever happens; and the reopen rule's check.</summary>
internal static class ScopeEmitter
{
    public static void Emit(ScopeHelper scope, EmitContext context)
    {
        if (scope.TokenArguments is { } tokenArguments)
        {
            EmitStartForm(scope, tokenArguments, context);
        }

        var writer = context.Writer;
        var waitName = Runtime.Async(scope.WaitHelper);
        var docs = new SourceWriter();
        var expiry = scope.Reopen is not { } reopen
            ? "If the " + scope.ResourceName + " expires on the server while waiting, the status call's error is thrown as it is; the work is not started again."
            : "If the " + scope.ResourceName + " expires on the server (the server answers <c>" + Literals.Xml(reopen.ErrorCode) + "</c>), a new one is opened and the work started again, once"
              + (reopen.Repeatable is { } rule
                  ? ", when every item of <c>" + rule.Parameter + "." + rule.ItemsProperty + "</c> has a <c>" + Literals.Xml(rule.FieldJson) + "</c> of " + Values(rule.Values)
                    + " (repeating them gives the same result); otherwise this throws <see cref=\"" + Runtime.ResourceExpiredException + "\"/> naming the items that are not safe to repeat."
                  : ".")
              + " The reopening is reported through <see cref=\"" + Runtime.WaitOptions + ".ScopeChanged\"/> and <see cref=\"" + Runtime.WaitProgress + "{T}.Reopens\"/>.";
        docs.Doc(
            "Runs <c>" + scope.OperationId + "</c> from start to finish: opens " + Article(scope.ResourceName) + " " + scope.ResourceName + " with <c>" + scope.OpenOperationId + "</c> (its id comes in the <c>"
            + Literals.Xml(scope.OpenHeader) + "</c> header), calls <c>" + scope.OperationId + "</c> in it, waits with <see cref=\"" + waitName + "\"/> (polling <c>"
            + scope.WaitOperationId + "</c>), and deletes it with <c>" + scope.CloseOperationId + "</c> whatever happens: on success, failure, timeout and cancellation.\n"
            + "Options are checked before anything is sent. Deleting runs under its own time limit (<see cref=\"" + Runtime.WaitOptions + ".CleanupTimeout\"/>), not <paramref name=\"cancellationToken\"/>; "
            + "a failure to delete is passed to <see cref=\"" + Runtime.WaitOptions + ".CleanupFailed\"/> and does not hide the outcome.\n"
            + expiry);
        ParameterDocs(docs, scope.Parameters, "Passed to the operations that take it.");
        WaitDocs(docs, "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime.OperationFailedException + "\">The server reported that the work failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime.WaitTimeoutException + "\">The work was still running when the wait's time limit ran out.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime.UnreachableException + "\">The server could not be reached, more times in a row than the options allow.</exception>");
        if (scope.Reopen is not null)
        {
            docs.Line("/// <exception cref=\"" + Runtime.ResourceExpiredException + "\">The " + scope.ResourceName + " expired and the work could not safely be started again.</exception>");
        }

        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual ", Runtime.Tasks + "Task<" + scope.ResultType + "> " + Runtime.Async(scope.Name) + "(" + Signature(scope.Parameters, Runtime.OptionsParameter, Runtime.Progress(scope.ResultType), Runtime.TokenParameter) + ")");
        context.Validate(scope.Parameters);
        foreach (var minimum in scope.BodyMinimums)
        {
            // The server refuses such a body only after the resource was opened; refuse it before.
            writer.Open("if (" + minimum.Parameter + "." + minimum.Property + " is not { Count: >= " + minimum.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " })");
            writer.Line("throw new global::System.ArgumentException(" + Quote("'" + minimum.JsonName + "' needs at least " + minimum.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " item(s).") + ", nameof(" + minimum.Parameter + "));");
            writer.Close();
        }

        var resource = scope.ResourceVariable;
        writer.Line("return " + Runtime.Scope + ".RunAsync(");
        writer.Line("    new " + Runtime.ScopeWork + "<" + scope.ResultType + ">(");
        writer.Line("        " + Workflow(scope.Name, scope.Parameters, ItemTags(scope)) + ",");
        writer.Line("        new " + Runtime.ScopeDeclaration + "(" + Quote(scope.OperationId) + ", " + Quote(scope.ResourceName) + ", " + ScopeDescription(scope) + ", "
                    + (scope.Reopen is { } declared ? Quote(declared.ErrorCode) : "null") + ", "
                    + (scope.Reopen?.Repeatable is { } repeatable ? NotRepeatableName(scope) + "(" + repeatable.Parameter + ")" : "global::System.Array.Empty<string>()") + "),");
        writer.Line("        async ct =>");
        writer.Line("        {");
        writer.Line("            var opened = await " + scope.OpenMethod + "(" + Arguments(scope.OpenArguments, "ct") + ").ConfigureAwait(false);");
        writer.Line("            return opened." + scope.OpenHeaderProperty + " ?? throw new " + Runtime.ApiException + "(");
        writer.Line("                " + Quote(scope.OpenOperationId + " answered without the " + scope.OpenHeader + " header") + ", opened.StatusCode, null, opened.Headers, null);");
        writer.Line("        },");
        writer.Line("        (" + resource + ", ct) => " + scope.ScopedMethod + "(" + Arguments(scope.ScopedArguments, "ct") + "),");
        writer.Line("        (" + resource + ", waitOptions, waitProgress, ct) => " + waitName + "(" + Arguments(scope.WaitArguments, "options: waitOptions", "progress: waitProgress", "cancellationToken: ct") + "),");
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
            writer.Line("var value = " + Runtime.Wire + ".ValueOf(item, " + Quote(rule2.FieldJson) + ", item." + rule2.FieldProperty + ");");
            writer.Open("if (value is not (" + Patterns(rule2.Values) + "))");
            var described = rule2.SubjectProperty is null ? "value" : Runtime.Wire + ".Text(item." + rule2.SubjectProperty + ") + \" (\" + value + \")\"";
            writer.Line("notRepeatable.Add(" + described + ");");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Line("return notRepeatable;");
            writer.Close();
            writer.Line();
        }
    }

    private static string NotRepeatableName(ScopeHelper scope) => "NotRepeatable" + scope.Name;

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
        yield return Runtime.Workflow + ".Tag(" + Quote(prefix + ".count") + ", " + items + "?.Count)";
        yield return Runtime.Workflow + ".Tag(" + Quote(prefix + "." + SnakeCase(rule.FieldProperty)) + ", " + Runtime.Workflow + ".Distinct(" + items
                     + ", item => " + Runtime.Wire + ".ValueOf(item, " + Quote(rule.FieldJson) + ", item." + rule.FieldProperty + ")))";
    }

    /// <summary>
    /// The start form: opens the resource and starts the work in it, and answers the work as an
    /// operation that deletes the resource once the work has ended (or its wait was given up),
    /// whichever process sees that; and the method that makes that operation from a resume token.
    /// </summary>
    private static void EmitStartForm(ScopeHelper scope, EquatableArray<Start.NamedArgument> tokenArguments, EmitContext context)
    {
        var writer = context.Writer;
        var resource = scope.ResourceVariable;
        var andAt = scope.Name.IndexOf("And", System.StringComparison.Ordinal);
        var startName = "Start" + (andAt > 0 ? scope.Name.Substring(0, andAt) : scope.Name);
        var work = Runtime.Work + "<" + scope.ResultType + ">";
        var docs = new SourceWriter();
        docs.Doc(
            "Opens " + Article(scope.ResourceName) + " " + scope.ResourceName + " with <c>" + scope.OpenOperationId + "</c>, calls <c>" + scope.OperationId + "</c> in it, and answers the work as an operation, without waiting. "
            + "The " + scope.ResourceName + " is deleted (<c>" + scope.CloseOperationId + "</c>) once the work has ended, or its wait was given up, in whichever process resumes it (<c>GetResumeToken()</c>, <c>StrategyConnection.ResumeAsync</c>); "
            + "if the " + scope.ResourceName + " has expired meanwhile, the operation ends with <see cref=\"" + Runtime.ResourceExpiredException + "\"/> and nothing is left open. "
            + "When the start fails, the " + scope.ResourceName + " is deleted before the exception goes on.");
        ParameterDocs(docs, scope.Parameters, "Passed to the operations that take it.");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the start.</param>");
        docs.Line("/// <returns>The work, started.</returns>");
        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual async ", Runtime.Tasks + "Task<" + work + "> " + Runtime.Async(startName) + "(" + Signature(scope.Parameters, Runtime.TokenParameter) + ")");
        context.Validate(scope.Parameters);
        foreach (var minimum in scope.BodyMinimums)
        {
            writer.Open("if (" + minimum.Parameter + "." + minimum.Property + " is not { Count: >= " + minimum.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " })");
            writer.Line("throw new global::System.ArgumentException(" + Quote("'" + minimum.JsonName + "' needs at least " + minimum.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " item(s).") + ", nameof(" + minimum.Parameter + "));");
            writer.Close();
        }

        writer.Line("var opened = await " + scope.OpenMethod + "(" + Arguments(scope.OpenArguments, "cancellationToken") + ").ConfigureAwait(false);");
        writer.Line("var " + resource + " = opened." + scope.OpenHeaderProperty + " ?? throw new " + Runtime.ApiException + "(" + Quote(scope.OpenOperationId + " answered without the " + scope.OpenHeader + " header") + ", opened.StatusCode, null, opened.Headers, null);");
        writer.Line("var token = " + Runtime.ResumeToken + ".For(_httpClient, ProjectId, " + Quote(scope.OperationId) + ", null" + string.Concat(tokenArguments.Select(a => ", (" + Quote(a.Name) + ", " + Render(a.Argument) + ")")) + ");");
        writer.Line("var work = " + Runtime.WorkOf(scope.Name) + "(token);");
        writer.Open("try");
        writer.Line("await " + scope.ScopedMethod + "(" + Arguments(scope.ScopedArguments, "cancellationToken") + ").ConfigureAwait(false);");
        writer.Close();
        writer.Line("catch");
        writer.Line("{");
        writer.Line("    // Nothing runs in it: it must not stay open.");
        writer.Line("    await work.ReleaseAsync().ConfigureAwait(false);");
        writer.Line("    throw;");
        writer.Line("}");
        writer.Line();
        writer.Line("return work;");
        writer.Close();
        writer.Line();

        writer.Doc("The scoped work as an operation, from a resume token: its wait's operation, which deletes the " + scope.ResourceName + " once the work has ended, and reads an expired " + scope.ResourceName + " as <see cref=\"" + Runtime.ResourceExpiredException + "\"/>.");
        writer.Open("internal " + work + " " + Runtime.WorkOf(scope.Name) + "(" + Runtime.ResumeToken + " token)");
        foreach (var argument in tokenArguments)
        {
            if (argument.Argument is Argument.Named named && scope.CloseArguments.Contains(named))
            {
                writer.Line("var " + named.Name + " = token.Argument(" + Quote(argument.Name) + ") ?? string.Empty;");
            }
        }

        writer.Line("return " + Runtime.WorkOf(scope.WaitHelper) + "(token).Scoped(");
        writer.Line("    ct => " + scope.CloseMethod + "(" + Arguments(scope.CloseArguments, "ct") + "),");
        writer.Line("    " + (scope.Reopen is { } reopen
            ? "error => error is " + Runtime.ApiException + " { ErrorCode: " + Quote(reopen.ErrorCode) + " } gone ? new " + Runtime.ResourceExpiredException + "(" + Quote(scope.OperationId) + ", " + Quote(scope.ResourceName) + ", " + resource + ", global::System.Array.Empty<string>(), 0, gone) : null);"
            : "null);"));
        writer.Close();
        writer.Line();
    }
}
