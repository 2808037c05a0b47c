using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

// x-strategy-wait: poll a status operation until it says the work succeeded, failed or was skipped.

/// <summary><c>x-strategy-wait</c>: this operation reports the status of long-running work.</summary>
/// <param name="Finished">When the work is over (a field and its values), for a status whose outcome field means nothing before then.</param>
/// <param name="Run">The field that tells one run of the work from the next (its start time), so a wait can skip the run before the one it started.</param>
/// <param name="NoStatus">The error answer that means "no status yet": pending while waiting, <see langword="null"/> from a helper of its own.</param>
/// <param name="Details">Items of the status whose error objects say why the work failed.</param>
/// <param name="Words">What status values mean in words, for messages and progress (<c>'1': queued or running</c>): each pair's name is the value, its value the words.</param>
internal sealed record WaitDeclaration(
    string Helper,
    string Describe,
    string Status,
    EquatableArray<string> Running,
    EquatableArray<string> Succeeded,
    EquatableArray<string> Failed,
    EquatableArray<string> Skipped,
    string? FailedBelow,
    string? Errors,
    FailedItemsDeclaration? FailedItems,
    FinishedDeclaration? Finished,
    string? Run,
    NoStatusDeclaration? NoStatus,
    EquatableArray<DetailsDeclaration> Details,
    EquatableArray<NamedValue> Words,
    SpecPlaces Places);

/// <summary>Items of the status answer that fail the work on their own (a table that failed to load).</summary>
internal sealed record FailedItemsDeclaration(
    string Items,
    string Status,
    EquatableArray<string> Values,
    string? Subject,
    string? Code,
    string? Message,
    SpecPlaces Places);

/// <summary><c>finished</c>: the field that says the work is over, and its values that say so.</summary>
internal sealed record FinishedDeclaration(string Field, EquatableArray<string> Values, SpecPlaces Places);

/// <summary><c>noStatus</c>: the error answer (status, code, words of the message) that means the work has no status yet.</summary>
internal sealed record NoStatusDeclaration(string Helper, string Status, string Code, string Message, SpecPlaces Places);

/// <summary><c>details</c>: a list of the status whose items carry an error object (<c>code</c>, <c>message</c>).</summary>
internal sealed record DetailsDeclaration(string Items, string Error, string? Subject, SpecPlaces Places);

/// <summary>Polls a status operation until the declared values say the work succeeded, failed or was skipped.</summary>
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
    EquatableArray<string> Skipped,
    EquatableArray<NamedValue> ValueNames,
    string? FailedBelow,
    string? ErrorsProperty,
    string? ErrorsElementType,
    FailedItemsHelper? FailedItems,
    FinishedHelper? Finished,
    RunHelper? Run,
    NoStatusHelper? NoStatus,
    EquatableArray<DetailsHelper> Details,
    EquatableArray<NamedValue> Words,
    bool DeclaresOutcome);

/// <summary>Items of a status answer whose own status fails the work.</summary>
internal sealed record FailedItemsHelper(
    string ItemsProperty,
    string StatusJson,
    string StatusProperty,
    EquatableArray<string> Values,
    string? SubjectProperty,
    string? CodeProperty,
    string? MessageProperty);

/// <summary>The field that says the work is over, its values (as the runtime reads them), and the names the spec gives its values (the words while the work is not over).</summary>
internal sealed record FinishedHelper(string Json, string Property, EquatableArray<string> Values, EquatableArray<NamedValue> ValueNames);

/// <summary>The field that tells runs apart.</summary>
internal sealed record RunHelper(string Json, string Property);

/// <summary>The helper that answers <see langword="null"/> for the "no status yet" answer.</summary>
internal sealed record NoStatusHelper(string Name, int Status, string Code, string Message);

/// <summary>Items whose error objects become failures.</summary>
internal sealed record DetailsHelper(string ItemsProperty, string ErrorProperty, string? SubjectProperty);

/// <summary>Reads the <c>x-strategy-wait</c> declaration.</summary>
internal sealed partial class WorkflowReader
{
    internal WaitDeclaration? ReadWait(Entry e)
    {
        var failedItems = e.Nested("failedItems") is { } items ? ReadFailedItems(items) : null;
        var finished = e.Nested("finished") is { } over ? ReadFinished(over) : null;
        var noStatus = e.Nested("noStatus") is { } none ? ReadNoStatus(none) : null;
        var details = e.NestedList("details").Select(ReadDetails).OfType<DetailsDeclaration>().ToEquatableArray();
        var failed = e.List("failed", required: false);
        var failedBelow = e.Integer("failedBelow");
        if (failed.Count == 0 && failedBelow is null && failedItems is null && finished is null)
        {
            e.Missing("failed (or failedBelow, failedItems, or finished)");
        }

        return new WaitDeclaration(
            e.Identifier("helper"),
            e.Optional("describe") ?? operationId,
            e.Required("status"),
            e.List("running", required: false),
            e.List("succeeded", required: true),
            failed,
            e.List("skipped", required: false),
            failedBelow,
            e.Optional("errors"),
            failedItems,
            finished,
            e.Optional("run"),
            noStatus,
            details,
            e.Pairs("words"),
            e.Places);
    }

    private static FailedItemsDeclaration? ReadFailedItems(Entry e)
    {
        var declaration = new FailedItemsDeclaration(
            e.Required("items"),
            e.Required("status"),
            e.List("values", required: true),
            e.Optional("subject"),
            e.Optional("code"),
            e.Optional("message"),
            e.Places);
        return e.Failed ? null : declaration;
    }

    private static FinishedDeclaration? ReadFinished(Entry e)
    {
        var declaration = new FinishedDeclaration(e.Required("field"), e.List("values", required: true), e.Places);
        return e.Failed ? null : declaration;
    }

    private NoStatusDeclaration? ReadNoStatus(Entry e)
    {
        var declaration = new NoStatusDeclaration(e.Identifier("helper"), e.Required("status"), e.Required("code"), e.Required("message"), e.Places);
        if (!e.Failed && !Literals.IsInteger(declaration.Status))
        {
            Spec.Report(DiagnosticInfo.Create(Diagnostics.InvalidValue, declaration.Places.At("status"), WaitKind.Name + ".noStatus", OperationId, "status", declaration.Status, "an HTTP status code"));
            return null;
        }

        return e.Failed ? null : declaration;
    }

    private DetailsDeclaration? ReadDetails(Entry e)
    {
        var declaration = new DetailsDeclaration(e.Required("items"), e.Optional("error") ?? "error", e.Optional("subject"), e.Places);
        return e.Failed ? null : declaration;
    }
}

/// <summary>Resolves the <c>x-strategy-wait</c> declaration against the generated client.</summary>
internal sealed partial class WorkflowsBuilder
{
    internal void AddWait(SpecOperation operation, BoundOperation bound, WaitDeclaration wait)
    {
        const string Extension = WaitKind.Name;
        var method = bound.Method;
        var places = wait.Places;
        var ok = RequireResult(Extension, operation, method, places.Block);
        ok &= RequireField(Extension, operation, method, wait.Status, places.At("status"));
        var statusSchema = operation.ResponseProperties.FirstOrDefault(p => p.Name == wait.Status)?.Schema ?? SpecSchema.Unknown;
        var running = CheckValues(Extension, operation, wait.Status, statusSchema, wait.Running, places, "running", ref ok);
        var succeeded = CheckValues(Extension, operation, wait.Status, statusSchema, wait.Succeeded, places, "succeeded", ref ok);
        var failed = CheckValues(Extension, operation, wait.Status, statusSchema, wait.Failed, places, "failed", ref ok);
        var skipped = CheckValues(Extension, operation, wait.Status, statusSchema, wait.Skipped, places, "skipped", ref ok);
        if (wait.Errors is { } errors)
        {
            ok &= RequireField(Extension, operation, method, errors, places.At("errors"));
            ok &= RequireItemFields(Extension, operation, errors, places.At("errors"), "code", "message");
        }

        FailedItemsHelper? failedItems = null;
        if (wait.FailedItems is { } items)
        {
            var itemFields = new[] { items.Status, items.Subject, items.Code, items.Message }.OfType<string>().ToArray();
            ok &= RequireField(Extension, operation, method, items.Items, items.Places.At("items"))
                  && RequireItemFields(Extension, operation, items.Items, items.Places.At("items"), itemFields);
            var itemStatus = operation.ResponseProperties.FirstOrDefault(p => p.Name == items.Items)?.ItemProperty(items.Status)?.Schema ?? SpecSchema.Unknown;
            failedItems = new FailedItemsHelper(
                Naming.Pascal(items.Items),
                items.Status,
                Naming.Pascal(items.Status),
                CheckValues(Extension, operation, items.Items + "[]." + items.Status, itemStatus, items.Values, items.Places, "values", ref ok),
                items.Subject is null ? null : Naming.Pascal(items.Subject),
                items.Code is null ? null : Naming.Pascal(items.Code),
                items.Message is null ? null : Naming.Pascal(items.Message));
        }

        FinishedHelper? finished = null;
        if (wait.Finished is { } over)
        {
            ok &= RequireField(Extension, operation, method, over.Field, over.Places.At("field"));
            var fieldSchema = operation.ResponseProperties.FirstOrDefault(p => p.Name == over.Field)?.Schema ?? SpecSchema.Unknown;
            finished = new FinishedHelper(over.Field, Naming.Pascal(over.Field), CheckValues(Extension, operation, over.Field, fieldSchema, over.Values, over.Places, "values", ref ok), ValueNames(fieldSchema));
        }

        RunHelper? run = null;
        if (wait.Run is { } runField)
        {
            ok &= RequireField(Extension, operation, method, runField, places.At("run"));
            run = new RunHelper(runField, Naming.Pascal(runField));
        }

        NoStatusHelper? noStatus = null;
        if (wait.NoStatus is { } none)
        {
            noStatus = new NoStatusHelper(none.Helper + "Async", int.Parse(none.Status, System.Globalization.CultureInfo.InvariantCulture), none.Code, none.Message);
        }

        var details = new List<DetailsHelper>();
        foreach (var detail in wait.Details)
        {
            var list = operation.ResponseProperties.FirstOrDefault(p => p.Name == detail.Items);
            if (list is null || list.Schema.Items is null || method.Property(Naming.Pascal(detail.Items)) is null)
            {
                ok = Report(Diagnostics.UnknownField, detail.Places.At("items"), Extension, operation.OperationId, "list", detail.Items, "the response of " + operation.OperationId);
                continue;
            }

            var error = list.ItemProperty(detail.Error);
            if (error is null)
            {
                ok = Report(Diagnostics.UnknownField, detail.Places.At("error"), Extension, operation.OperationId, "field", detail.Error, "the items of '" + detail.Items + "'");
            }
            else if (error.Schema.Property("code") is null || error.Schema.Property("message") is null)
            {
                ok = Report(Diagnostics.UnknownField, detail.Places.At("error"), Extension, operation.OperationId, "fields", "code and message", "'" + detail.Items + "[]." + detail.Error + "'");
            }

            if (detail.Subject is { } subject && list.ItemProperty(subject) is null)
            {
                ok = Report(Diagnostics.UnknownField, detail.Places.At("subject"), Extension, operation.OperationId, "field", subject, "the items of '" + detail.Items + "'");
            }

            details.Add(new DetailsHelper(Naming.Pascal(detail.Items), Naming.Pascal(detail.Error), detail.Subject is null ? null : Naming.Pascal(detail.Subject)));
        }

        // Each value given words must be one the field can hold, or the words would never show.
        var words = new List<NamedValue>();
        foreach (var word in wait.Words)
        {
            var value = CheckValues(Extension, operation, wait.Status, statusSchema, new[] { word.Name }.ToEquatableArray(), places, "words." + word.Name, ref ok, keyIsPlace: true);
            if (value.Count == 1)
            {
                words.Add(new NamedValue(word.Value, value[0]));
            }
        }

        if (!ok)
        {
            return;
        }

        Add(bound.Client, WaitKind.Name, new WaitHelper(
            operation.OperationId,
            wait.Helper + "Async",
            method.Name,
            Parameters(method, skip: []),
            method.ResultType!,
            wait.Describe,
            wait.Status,
            Naming.Pascal(wait.Status),
            running,
            succeeded,
            failed,
            skipped,
            ValueNames(statusSchema),
            wait.FailedBelow,
            wait.Errors is null ? null : Naming.Pascal(wait.Errors),
            wait.Errors is null ? null : method.Property(Naming.Pascal(wait.Errors))?.ElementType,
            failedItems,
            finished,
            run,
            noStatus,
            details.ToEquatableArray(),
            words.ToEquatableArray(),
            // The status model says what it means (Outcome) when one wait reads it and it has no property of that name.
            _operations.Count(o => o.Of<WaitDeclaration>() is not null && _bindings.Of(o.OperationId)?.Method.ResultType == method.ResultType) == 1
            && method.Property("Outcome") is null));
    }

    /// <summary>
    /// The declared values as the runtime reads the field: each must be one the field's schema
    /// allows (an enum value, or for an integer enum one of its <c>x-enumNames</c>, which becomes
    /// its number; a number for an integer), or it is reported at its line: such a value could
    /// never match, and a wait on it would time out.
    /// </summary>
    private EquatableArray<string> CheckValues(string extension, SpecOperation operation, string field, SpecSchema schema, EquatableArray<string> values, SpecPlaces places, string key, ref bool ok, bool keyIsPlace = false)
    {
        var checkedValues = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var index = schema.Values.AsImmutableArray().IndexOf(value);
            if (index < 0 && schema.ValueNames.Count == schema.Values.Count)
            {
                index = IndexIgnoringCase(schema.ValueNames, value);
            }

            if (index >= 0)
            {
                checkedValues.Add(schema.Values[index]);
            }
            else if (schema.Values.Count > 0 || (schema.Type == "integer" && !Literals.IsInteger(value)) || (schema.Type == "boolean" && value is not ("true" or "false")))
            {
                ok = Report(Diagnostics.ImpossibleValue, places.At(keyIsPlace ? key : key + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"), extension, operation.OperationId, value, field, Allowed(schema));
            }
            else
            {
                checkedValues.Add(value);
            }
        }

        return checkedValues.ToEquatableArray();
    }

    private static int IndexIgnoringCase(EquatableArray<string> names, string value)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], value, System.StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Allowed(SpecSchema schema) =>
        schema.Values.Count == 0
            ? "is not " + (schema.Type == "integer" ? "a whole number" : "true or false")
            : "is not one of " + string.Join(", ", schema.Values)
              + (schema.ValueNames.Count == schema.Values.Count ? " (" + string.Join(", ", schema.ValueNames) + ")" : string.Empty);

    /// <summary>An integer enum's values with the names <c>x-enumNames</c> gives them, for messages.</summary>
    private static EquatableArray<NamedValue> ValueNames(SpecSchema schema) =>
        schema.ValueNames.Count == schema.Values.Count
            ? schema.Values.Select((value, i) => new NamedValue(schema.ValueNames[i].ToLowerInvariant(), value)).ToEquatableArray()
            : EquatableArray<NamedValue>.Empty;
}

/// <summary>Emits the <c>x-strategy-wait</c> helper.</summary>
internal static partial class WorkflowsEmitter
{
    internal static void EmitWait(SourceWriter writer, List<InterfaceMember> members, WaitHelper wait)
    {
        var docs = new SourceWriter();
        var failedWhen = new List<string>();
        if (wait.Failed.Count > 0)
        {
            failedWhen.Add(wait.StatusJson + " " + Values(wait.Failed, wait.ValueNames));
        }

        if (wait.FailedBelow is not null)
        {
            failedWhen.Add("a " + wait.StatusJson + " below " + wait.FailedBelow);
        }

        if (wait.FailedItems is { } items)
        {
            failedWhen.Add("an item of <c>" + Camel(items.ItemsProperty) + "</c> with status " + Values(items.Values));
        }

        if (wait.Finished is not null)
        {
            failedWhen.Add("any " + wait.StatusJson + " not listed here once it is over");
        }

        var over = wait.Finished is { } finished
            ? "The " + Literals.Xml(wait.Describe) + " is over when <c>" + Literals.Xml(finished.Json) + "</c> is " + Values(finished.Values) + "; until then it counts as running, whatever <c>" + Literals.Xml(wait.StatusJson) + "</c> says. Once over, <c>" + Literals.Xml(wait.StatusJson) + "</c> says how it ended.\n"
            : string.Empty;
        var skipped = wait.Skipped.Count > 0
            ? "When it is skipped (" + wait.StatusJson + " " + Values(wait.Skipped, wait.ValueNames) + ") the final status is answered as well, and its <c>Outcome</c> says <see cref=\"" + Runtime + "StrategyOutcome.Skipped\"/>: it did not run, which is not a success.\n"
            : string.Empty;
        var previous = wait.Run is { } run
            ? "With <paramref name=\"previousRun\"/>, a status of that run (the same <c>" + Literals.Xml(run.Json) + "</c>), finished or still going, is not the answer: the wait goes on until a later run is seen.\n"
            : string.Empty;
        var pending = wait.NoStatus is { } none
            ? "An answer of HTTP " + none.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " <c>" + Literals.Xml(none.Code) + "</c> \"" + Literals.Xml(none.Message) + "\" means there is no status yet: it counts as running.\n"
            : string.Empty;
        docs.Doc(
            "Polls <c>" + wait.OperationId + "</c> until the " + Literals.Xml(wait.Describe) + " succeeds (" + wait.StatusJson + " " + Values(wait.Succeeded, wait.ValueNames) + ") and answers the final status.\n"
            + over
            + "The " + Literals.Xml(wait.Describe) + " fails on " + string.Join(", or ", failedWhen) + "."
            + (wait.Finished is null ? " Any other " + wait.StatusJson + (wait.Running.Count > 0 ? " (" + Values(wait.Running, wait.ValueNames) + ", or one this client does not know)" : string.Empty) + " counts as still running." : string.Empty) + "\n"
            + skipped
            + previous
            + pending
            + "Transient errors of the status call (429, 5xx, a broken connection) are retried without restarting the work.");
        ParameterDocs(docs, wait.Parameters, "Passed to <c>" + wait.StatusMethod + "</c>.");
        if (wait.Run is not null)
        {
            docs.Line("/// <param name=\"previousRun\">The last status read before the work was started (see <c>" + (wait.NoStatus?.Name ?? wait.StatusMethod) + "</c>), or <see langword=\"null\"/> when there was none: its run is not the one waited for.</param>");
        }

        WaitDocs(docs, "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyOperationFailedException\">The server reported that the " + Literals.Xml(wait.Describe) + " failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyWaitTimeoutException\">The " + Literals.Xml(wait.Describe) + " was still running when the wait's time limit ran out.</exception>");
        ApiExceptionDoc(docs);
        var previousParameter = wait.Run is null ? [] : new[] { wait.ResultType + "? previousRun = null" };
        Member(writer, members, docs, "public virtual ", Tasks + "Task<" + wait.ResultType + "> " + wait.Name + "(" + Signature(wait.Parameters, [.. previousParameter, OptionsParameter, Progress(wait.ResultType), TokenParameter]) + ")");
        Validate(writer, wait.Parameters);
        writer.Line("return " + FromStatusName(wait.Name) + "(null, " + Arguments(wait.Parameters.Select(p => p.Name), wait.Run is null ? "null" : "previousRun", "options", "progress", "cancellationToken") + ");");
        writer.Close();
        writer.Line();

        writer.Doc("Waits as <see cref=\"" + wait.Name + "\"/> does, starting from a status the caller already has (the answer that started the work): no status call right away.");
        var parameters = new[] { wait.ResultType + "? initial" }
            .Concat(wait.Parameters.Select(p => p.Type + " " + p.Name))
            .Concat([wait.ResultType + "? previousRun", Runtime + "StrategyWaitOptions? options", "global::System.IProgress<" + Runtime + "StrategyWaitProgress<" + wait.ResultType + ">>? progress", "global::System.Threading.CancellationToken cancellationToken"]);
        writer.Open("private " + Tasks + "Task<" + wait.ResultType + "> " + FromStatusName(wait.Name) + "(" + string.Join(", ", parameters) + ")");
        writer.Line("return " + Runtime + "StrategyPolling.PollAsync<" + wait.ResultType + ">(");
        writer.Line("    " + Workflow(wait.Name, wait.Parameters) + ",");
        writer.Line("    ct => " + wait.StatusMethod + "(" + Arguments(wait.Parameters.Select(p => p.Name), "ct") + "),");
        writer.Line("    " + RulesName(wait) + ",");
        writer.Line("    " + Description(wait) + ",");
        writer.Line("    options,");
        writer.Line("    progress,");
        writer.Line("    cancellationToken,");
        writer.Line("    initial,");
        writer.Line("    previousRun);");
        writer.Close();
        writer.Line();

        // What the spec declares of this wait, built once: how a status reads, how runs differ, what "no status yet" looks like.
        writer.Line("private static readonly " + Runtime + "StrategyWaitRules<" + wait.ResultType + "> " + RulesName(wait) + " = new(");
        writer.Line("    " + Quote(wait.StatusJson) + ",");
        writer.Line("    " + ClassifierName(wait) + ",");
        writer.Line("    " + (wait.Run is { } identity ? "status => " + Runtime + "StrategyWire.RunOf(status, " + Quote(identity.Json) + ", status." + identity.Property + ")" : "null") + ",");
        writer.Line("    " + (wait.NoStatus is { } noStatusAnswer ? "error => " + NoStatusTest(noStatusAnswer) : "null") + ");");
        writer.Line();

        if (wait.NoStatus is { } noStatus)
        {
            EmitNoStatus(writer, members, wait, noStatus);
        }

        EmitClassifier(writer, wait);
    }

    /// <summary>The helper that answers <see langword="null"/> where the server says there is no status yet.</summary>
    private static void EmitNoStatus(SourceWriter writer, List<InterfaceMember> members, WaitHelper wait, NoStatusHelper noStatus)
    {
        var docs = new SourceWriter();
        docs.Doc(
            "Calls <c>" + wait.OperationId + "</c>, and answers <see langword=\"null\"/> where the server says there is no status yet (HTTP "
            + noStatus.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " <c>" + Literals.Xml(noStatus.Code) + "</c> \"" + Literals.Xml(noStatus.Message) + "\"), as it does before the work first ran.");
        ParameterDocs(docs, wait.Parameters, "Passed to <c>" + wait.StatusMethod + "</c>.");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        docs.Line("/// <returns>The status, or <see langword=\"null\"/> when there is none yet.</returns>");
        ApiExceptionDoc(docs);
        Member(writer, members, docs, "public virtual async ", Tasks + "Task<" + wait.ResultType + "?> " + noStatus.Name + "(" + Signature(wait.Parameters, TokenParameter) + ")");
        Validate(writer, wait.Parameters);
        writer.Open("try");
        writer.Line("return await " + wait.StatusMethod + "(" + Arguments(wait.Parameters.Select(p => p.Name), "cancellationToken") + ").ConfigureAwait(false);");
        writer.Close();
        writer.Line("catch (" + Runtime + "StrategyApiException error) when (" + NoStatusTest(noStatus) + ")");
        writer.Line("{");
        writer.Line("    return null;");
        writer.Line("}");
        writer.Close();
        writer.Line();
    }

    private static void EmitClassifier(SourceWriter writer, WaitHelper wait)
    {
        writer.Doc("What a status of <c>" + wait.OperationId + "</c> says of the " + Literals.Xml(wait.Describe) + ", as the spec's <c>x-strategy-wait</c> declares it.");
        writer.Open("internal static " + Runtime + "PollOutcome " + ClassifierName(wait) + "(" + wait.ResultType + " status)");
        writer.Line("var value = " + Runtime + "StrategyWire.ValueOf(status, " + Quote(wait.StatusJson) + ", status." + wait.StatusProperty + ");");
        writer.Line("var name = " + NameOf(wait) + ";");
        if (wait.Words.Count > 0)
        {
            writer.Line("var words = " + WordsOf(wait) + ";");
        }

        if (wait.Finished is { } finished)
        {
            writer.Line("var over = " + Runtime + "StrategyWire.ValueOf(status, " + Quote(finished.Json) + ", status." + finished.Property + ");");
            writer.Open("if (over is not (" + Patterns(finished.Values) + "))");
            // Until the work is over, what the field that says so reads is its words (executing), not the outcome field's.
            writer.Line("return " + Runtime + "PollOutcome.Running(value, name" + (finished.ValueNames.Count > 0 ? ", " + Switch("over", finished.ValueNames) : string.Empty) + ");");
            writer.Close();
            writer.Line();
        }

        if (wait.FailedItems is { } failedItems)
        {
            writer.Line("var failedItems = new global::System.Collections.Generic.List<" + Runtime + "StrategyFailure>();");
            writer.Open("foreach (var item in status." + failedItems.ItemsProperty + " ?? [])");
            writer.Open("if (item is not null && " + Runtime + "StrategyWire.ValueOf(item, " + Quote(failedItems.StatusJson) + ", item." + failedItems.StatusProperty + ") is " + Patterns(failedItems.Values) + ")");
            writer.Line("failedItems.Add(new " + Runtime + "StrategyFailure(" + Text("item", failedItems.SubjectProperty) + ", " + Text("item", failedItems.CodeProperty) + ", " + Text("item", failedItems.MessageProperty) + "));");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Open("if (failedItems.Count > 0)");
            writer.Line("return " + Runtime + "PollOutcome.Failed(value, name, failedItems" + WordsArgument(wait) + ");");
            writer.Close();
            writer.Line();
        }

        writer.Open("if (value is " + Patterns(wait.Succeeded) + ")");
        writer.Line("return " + Runtime + "PollOutcome.Succeeded(value, name" + WordsArgument(wait) + ");");
        writer.Close();
        if (wait.Skipped.Count > 0)
        {
            writer.Line();
            writer.Open("if (value is " + Patterns(wait.Skipped) + ")");
            writer.Line("return " + Runtime + "PollOutcome.Skipped(value, name" + WordsArgument(wait) + ");");
            writer.Close();
        }

        var failures = HasFailureSources(wait) ? FailuresName(wait) + "(status)" : "global::System.Array.Empty<" + Runtime + "StrategyFailure>()";
        if (wait.Failed.Count > 0)
        {
            writer.Line();
            writer.Open("if (value is " + Patterns(wait.Failed) + ")");
            writer.Line("return " + Runtime + "PollOutcome.Failed(value, name, " + failures + WordsArgument(wait) + ");");
            writer.Close();
        }

        if (wait.FailedBelow is not null)
        {
            writer.Line();
            writer.Open("if (long.TryParse(value, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out var number) && number < " + wait.FailedBelow + ")");
            writer.Line("return " + Runtime + "PollOutcome.Failed(value, name, " + failures + WordsArgument(wait) + ");");
            writer.Close();
        }

        writer.Line();
        // Once the work is over, an outcome the spec does not list is not a success.
        writer.Line("return " + Runtime + "PollOutcome." + (wait.Finished is null ? "Running(value, name" + WordsArgument(wait) + ")" : "Failed(value, name, " + failures + WordsArgument(wait) + ")") + ";");
        writer.Close();
        writer.Line();

        if (HasFailureSources(wait))
        {
            writer.Doc("The reasons a failed status of <c>" + wait.OperationId + "</c> gives.");
            writer.Open("private static global::System.Collections.Generic.IEnumerable<" + Runtime + "StrategyFailure> " + FailuresName(wait) + "(" + wait.ResultType + " status)");
            var first = true;
            if (wait.ErrorsProperty is not null && wait.ErrorsElementType is not null)
            {
                writer.Open("foreach (var error in global::System.Linq.Enumerable.OfType<" + wait.ErrorsElementType + ">(status." + wait.ErrorsProperty + " ?? []))");
                writer.Line("yield return new " + Runtime + "StrategyFailure(null, error.Code, error.Message);");
                writer.Close();
                first = false;
            }

            foreach (var detail in wait.Details)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                writer.Open("foreach (var item in status." + detail.ItemsProperty + " ?? [])");
                writer.Open("if (item?." + detail.ErrorProperty + " is { } error)");
                writer.Line("yield return new " + Runtime + "StrategyFailure(" + Text("item", detail.SubjectProperty) + ", " + Runtime + "StrategyWire.Text(error.Code), error.Message);");
                writer.Close();
                writer.Close();
            }

            writer.Close();
            writer.Line();
        }
    }

    /// <summary>Whether a failed status can say why: it has an error list, or items with error objects.</summary>
    private static bool HasFailureSources(WaitHelper wait) => (wait.ErrorsProperty is not null && wait.ErrorsElementType is not null) || wait.Details.Count > 0;

    private static string FailuresName(WaitHelper wait) => "Failures" + wait.Name.Substring(0, wait.Name.Length - "Async".Length);

    /// <summary>The name the spec gives a status value (<c>x-enumNames</c>: 3 is <c>canceled</c>), for messages; <see langword="null"/> for none.</summary>
    private static string NameOf(WaitHelper wait)
    {
        if (wait.ValueNames.Count == 0)
        {
            return "(string?)null";
        }

        return Switch("value", wait.ValueNames);
    }

    /// <summary>The status in the spec's words (<c>words</c>), with its value: <c>value switch { "1" => "1 (queued or running)", … }</c>.</summary>
    private static string WordsOf(WaitHelper wait) =>
        Switch("value", wait.Words.Select(w => new NamedValue(w.Value + " (" + w.Name + ")", w.Value)).ToEquatableArray());

    /// <summary>The words argument of an outcome, when the wait declares words.</summary>
    private static string WordsArgument(WaitHelper wait) => wait.Words.Count > 0 ? ", words" : string.Empty;

    /// <summary>A switch on <paramref name="subject"/> answering each value's name (<see cref="NamedValue.Value"/> is the value, <see cref="NamedValue.Name"/> its name), or <see langword="null"/>.</summary>
    private static string Switch(string subject, EquatableArray<NamedValue> names) =>
        subject + " switch { " + string.Join(", ", names.Select(n => Quote(n.Value) + " => " + Quote(n.Name))) + ", _ => (string?)null }";

    /// <summary>The private wait that starts from a status already in hand, such as <c>AwaitTaskFromStatusAsync</c>.</summary>
    private static string FromStatusName(string waitName) => waitName.Substring(0, waitName.Length - "Async".Length) + "FromStatusAsync";

    private static string ClassifierName(WaitHelper wait) => "Classify" + wait.Name.Substring(0, wait.Name.Length - "Async".Length);

    private static string RulesName(WaitHelper wait) => wait.Name.Substring(0, wait.Name.Length - "Async".Length) + "Rules";

    private static string NoStatusTest(NoStatusHelper noStatus) =>
        Runtime + "StrategyAnswers.Means(error, " + noStatus.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + Quote(noStatus.Code) + ", " + Quote(noStatus.Message) + ")";

    /// <summary>
    /// What is waited on, for messages, each id labelled by its parameter's name:
    /// <c>"publish of data model " + dataModelId + " (instance " + instanceId + ")"</c>, <c>"task " + taskId</c>.
    /// </summary>
    private static string Description(WaitHelper wait)
    {
        if (wait.Parameters.Count == 0)
        {
            return Quote(wait.Describe);
        }

        // Text and arguments in turn; text pieces are joined into one literal.
        var first = wait.Parameters[0];
        var label = Naming.Label(first.Name);
        var parts = new List<(string Text, bool IsArgument)>
        {
            (wait.Describe.EndsWith(label, System.StringComparison.Ordinal) ? wait.Describe + " " : wait.Describe + " of " + label + " ", false),
            (first.Name, true),
        };
        for (var i = 1; i < wait.Parameters.Count; i++)
        {
            parts.Add(((i == 1 ? " (" : ", ") + Naming.Label(wait.Parameters[i].Name) + " ", false));
            parts.Add((wait.Parameters[i].Name, true));
        }

        if (wait.Parameters.Count > 1)
        {
            parts.Add((")", false));
        }

        return string.Join(" + ", parts.Select(p => p.IsArgument ? p.Text : Quote(p.Text)));
    }

    private static string Text(string item, string? property) => property is null ? "null" : Runtime + "StrategyWire.Text(" + item + "." + property + ")";

    /// <summary>The status model's <c>Outcome</c>: what it says of the work, as the wait reads it.</summary>
    internal static void EmitOutcome(SourceWriter writer, string clientClass, WaitHelper wait)
    {
        var type = wait.ResultType.StartsWith("global::", System.StringComparison.Ordinal) ? wait.ResultType.Substring("global::".Length) : wait.ResultType;
        var dot = type.LastIndexOf('.');
        writer.Open("namespace " + type.Substring(0, dot));
        writer.Open("public partial class " + type.Substring(dot + 1));
        writer.Doc("What this status says of the " + Literals.Xml(wait.Describe) + " (running, succeeded, failed or skipped), as <see cref=\"" + clientClass + "." + wait.Name + "\"/> reads it from the spec's declaration.");
        writer.Line("[global::Newtonsoft.Json.JsonIgnore]");
        writer.Line("public " + Runtime + "StrategyOutcome Outcome => global::" + clientClass + "." + ClassifierName(wait) + "(this).State;");
        writer.Close();
        writer.Close();
    }
}

/// <summary>The <c>x-strategy-wait</c> kind: its reading, resolving and emitting are the partial slices in this file.</summary>
internal sealed class WaitKind : DeclarationKind<WaitDeclaration, WaitHelper>
{
    public const string Name = "x-strategy-wait";

    public override string Extension => Name;

    public override int Order => 1;

    protected override WaitDeclaration? ReadDeclaration(WorkflowReader reader, WorkflowReader.Entry entry) => reader.ReadWait(entry);

    protected override void Resolve(WorkflowsBuilder builder, BoundOperation bound, WaitDeclaration declaration) => builder.AddWait(bound.Operation, bound, declaration);

    protected override void Emit(HelperEmission emission, WaitHelper helper) => WorkflowsEmitter.EmitWait(emission.Writer, emission.Members, helper);

    protected override void EmitAfter(HelperEmission emission, WaitHelper helper)
    {
        // A status model read by one wait says what it means (its Outcome), as that wait reads it.
        if (helper.DeclaresOutcome)
        {
            emission.Writer.Line();
            WorkflowsEmitter.EmitOutcome(emission.Writer, emission.Client.Namespace + "." + emission.Client.ClassName, helper);
        }
    }
}

/// <summary>Registers the <c>x-strategy-wait</c> kind.</summary>
internal static partial class DeclarationKinds
{
    private static readonly DeclarationKind WaitRegistered = Register(new WaitKind());
}
