using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

// x-strategy-wait: poll a status operation until it says the work succeeded or failed.

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

/// <summary>Polls a status operation until the declared values say the work succeeded or failed.</summary>
internal sealed record WaitHelper(
    string OperationId,
    string Name,
    string StatusMethod,
    EquatableArray<HelperParameter> Parameters,
    string ResultType,
    string Describe,
    string StatusJson,
    string StatusProperty,
    EquatableArray<string> Running,
    EquatableArray<string> Succeeded,
    EquatableArray<string> Failed,
    string? FailedBelow,
    string? ErrorsProperty,
    string? ErrorsElementType,
    FailedItemsHelper? FailedItems);

/// <summary>Items of a status answer whose own status fails the work.</summary>
internal sealed record FailedItemsHelper(
    string ItemsProperty,
    string StatusJson,
    string StatusProperty,
    EquatableArray<string> Values,
    string? SubjectProperty,
    string? CodeProperty,
    string? MessageProperty);

/// <summary>Reads the <c>x-strategy-wait</c> declaration.</summary>
internal sealed partial class WorkflowReader
{
    private WaitDeclaration? ReadWait(Entry e)
    {
        var failedItems = e.Mapping("failedItems") is { } items ? ReadFailedItems(new Entry(this, Wait + ".failedItems", items, spec.Locate(items))) : null;
        var failed = e.List("failed", required: false);
        var failedBelow = e.Integer("failedBelow");
        if (failed.Count == 0 && failedBelow is null && failedItems is null)
        {
            e.Missing("failed (or failedBelow, or failedItems)");
        }

        return new WaitDeclaration(
            e.Identifier("helper"),
            e.Optional("describe") ?? operationId,
            e.Required("status"),
            e.List("running", required: false),
            e.List("succeeded", required: true),
            failed,
            failedBelow,
            e.Optional("errors"),
            failedItems,
            e.Location);
    }

    private FailedItemsDeclaration? ReadFailedItems(Entry e)
    {
        var declaration = new FailedItemsDeclaration(
            e.Required("items"),
            e.Required("status"),
            e.List("values", required: true),
            e.Optional("subject"),
            e.Optional("code"),
            e.Optional("message"),
            e.Location);
        return e.Failed ? null : declaration;
    }
}

/// <summary>Resolves the <c>x-strategy-wait</c> declaration against the generated client.</summary>
internal sealed partial class WorkflowsBuilder
{
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
}

/// <summary>Emits the <c>x-strategy-wait</c> helper.</summary>
internal static partial class WorkflowsEmitter
{
    private static void EmitWait(SourceWriter writer, List<InterfaceMember> members, WaitHelper wait)
    {
        var docs = new SourceWriter();
        var failedWhen = new List<string>();
        if (wait.Failed.Count > 0)
        {
            failedWhen.Add("status " + Values(wait.Failed));
        }

        if (wait.FailedBelow is not null)
        {
            failedWhen.Add("a status below " + wait.FailedBelow);
        }

        if (wait.FailedItems is { } items)
        {
            failedWhen.Add("an item of <c>" + Camel(items.ItemsProperty) + "</c> with status " + Values(items.Values));
        }

        docs.Doc(
            "Polls <c>" + wait.OperationId + "</c> until the " + Literals.Xml(wait.Describe) + " succeeds (status " + Values(wait.Succeeded) + ") and answers the final status.\n"
            + "The " + Literals.Xml(wait.Describe) + " fails on " + string.Join(", or ", failedWhen) + ". Any other status"
            + (wait.Running.Count > 0 ? " (" + Values(wait.Running) + ", or one this client does not know)" : string.Empty)
            + " counts as still running.\n"
            + "Transient errors of the status call (429, 5xx, a broken connection) are retried without restarting the work.");
        ParameterDocs(docs, wait.Parameters, "Passed to <c>" + wait.StatusMethod + "</c>.");
        WaitDocs(docs, "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyOperationFailedException\">The server reported that the " + Literals.Xml(wait.Describe) + " failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyWaitTimeoutException\">The " + Literals.Xml(wait.Describe) + " was still running when the wait's time limit ran out.</exception>");
        ApiExceptionDoc(docs);
        Member(writer, members, docs, "public virtual ", Tasks + "Task<" + wait.ResultType + "> " + wait.Name + "(" + Signature(wait.Parameters, OptionsParameter, Progress(wait.ResultType), TokenParameter) + ")");
        Validate(writer, wait.Parameters);
        writer.Line("return " + FromStatusName(wait.Name) + "(null, " + Arguments(wait.Parameters.Select(p => p.Name), "options", "progress", "cancellationToken") + ");");
        writer.Close();
        writer.Line();

        writer.Doc("Waits as <see cref=\"" + wait.Name + "\"/> does, starting from a status the caller already has (the answer that started the work): no status call right away.");
        var parameters = new[] { wait.ResultType + "? initial" }
            .Concat(wait.Parameters.Select(p => p.Type + " " + p.Name))
            .Concat([Runtime + "StrategyWaitOptions? options", "global::System.IProgress<" + Runtime + "StrategyWaitProgress<" + wait.ResultType + ">>? progress", "global::System.Threading.CancellationToken cancellationToken"]);
        writer.Open("private " + Tasks + "Task<" + wait.ResultType + "> " + FromStatusName(wait.Name) + "(" + string.Join(", ", parameters) + ")");
        writer.Line("return " + Runtime + "StrategyPolling.PollAsync<" + wait.ResultType + ">(");
        writer.Line("    " + Workflow(wait.Name, wait.Parameters) + ",");
        writer.Line("    ct => " + wait.StatusMethod + "(" + Arguments(wait.Parameters.Select(p => p.Name), "ct") + "),");
        writer.Line("    " + ClassifierName(wait) + ",");
        writer.Line("    " + Description(wait) + ",");
        writer.Line("    options,");
        writer.Line("    progress,");
        writer.Line("    cancellationToken,");
        writer.Line("    initial);");
        writer.Close();
        writer.Line();

        writer.Open("private static " + Runtime + "PollOutcome " + ClassifierName(wait) + "(" + wait.ResultType + " status)");
        writer.Line("var value = " + Runtime + "StrategyWire.ValueOf(status, " + Quote(wait.StatusJson) + ", status." + wait.StatusProperty + ");");
        if (wait.FailedItems is { } failedItems)
        {
            writer.Line("var failedItems = new global::System.Collections.Generic.List<" + Runtime + "StrategyFailure>();");
            writer.Open("foreach (var item in status." + failedItems.ItemsProperty + " ?? [])");
            writer.Open("if (item is not null && " + Runtime + "StrategyWire.ValueOf(item, " + Quote(failedItems.StatusJson) + ", item." + failedItems.StatusProperty + ") is " + Patterns(failedItems.Values) + ")");
            writer.Line("failedItems.Add(new " + Runtime + "StrategyFailure(" + Text(failedItems.SubjectProperty) + ", " + Text(failedItems.CodeProperty) + ", " + Text(failedItems.MessageProperty) + "));");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Open("if (failedItems.Count > 0)");
            writer.Line("return " + Runtime + "PollOutcome.Failed(value, failedItems);");
            writer.Close();
            writer.Line();
        }

        var failures = wait.ErrorsProperty is null || wait.ErrorsElementType is null
            ? "global::System.Array.Empty<" + Runtime + "StrategyFailure>()"
            : "global::System.Linq.Enumerable.Select(global::System.Linq.Enumerable.OfType<" + wait.ErrorsElementType + ">(status." + wait.ErrorsProperty + " ?? []), e => new " + Runtime + "StrategyFailure(null, e.Code, e.Message))";
        writer.Open("if (value is " + Patterns(wait.Succeeded) + ")");
        writer.Line("return " + Runtime + "PollOutcome.Succeeded(value);");
        writer.Close();
        if (wait.Failed.Count > 0)
        {
            writer.Line();
            writer.Open("if (value is " + Patterns(wait.Failed) + ")");
            writer.Line("return " + Runtime + "PollOutcome.Failed(value, " + failures + ");");
            writer.Close();
        }

        if (wait.FailedBelow is not null)
        {
            writer.Line();
            writer.Open("if (long.TryParse(value, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out var number) && number < " + wait.FailedBelow + ")");
            writer.Line("return " + Runtime + "PollOutcome.Failed(value, " + failures + ");");
            writer.Close();
        }

        writer.Line();
        writer.Line("return " + Runtime + "PollOutcome.Running(value);");
        writer.Close();
        writer.Line();
    }

    /// <summary>The private wait that starts from a status already in hand, such as <c>AwaitTaskFromStatusAsync</c>.</summary>
    private static string FromStatusName(string waitName) => waitName.Substring(0, waitName.Length - "Async".Length) + "FromStatusAsync";

    private static string ClassifierName(WaitHelper wait) => "Classify" + wait.Name.Substring(0, wait.Name.Length - "Async".Length);

    private static string Description(WaitHelper wait) =>
        wait.Parameters.Count == 0
            ? Quote(wait.Describe)
            : Quote(wait.Describe + " ") + " + " + string.Join(" + \", \" + ", wait.Parameters.Select(p => p.Name));

    private static string Text(string? property) => property is null ? "null" : Runtime + "StrategyWire.Text(item." + property + ")";
}
