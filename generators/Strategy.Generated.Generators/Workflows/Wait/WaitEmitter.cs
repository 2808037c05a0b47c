using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;
using static Strategy.Generated.Generators.Workflows.EmitContext;

namespace Strategy.Generated.Generators.Workflows.Wait;

/// <summary>Writes an <c>x-strategy-wait</c> helper: the wait, its "from a status in hand" form, its rules and classifier, its "no status" helper and its status model's <c>Outcome</c>.</summary>
internal static class WaitEmitter
{
    public static void Emit(WaitHelper wait, EmitContext context)
    {
        if (wait.Header is { } header)
        {
            EmitHeaderWait(wait, header, context);
            return;
        }

        if (wait.HttpStatus is { } http)
        {
            EmitHttpStatusWait(wait, http, context);
            return;
        }

        var writer = context.Writer;
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
            ? "When it is skipped (" + wait.StatusJson + " " + Values(wait.Skipped, wait.ValueNames) + ") the final status is answered as well, and its <c>Outcome</c> says <see cref=\"" + Runtime.Outcome + ".Skipped\"/>: it did not run, which is not a success.\n"
            : string.Empty;
        var previous = wait.Run is { } run
            ? "With <paramref name=\"previousRun\"/>, a status of that run (the same <c>" + Literals.Xml(run.Json) + "</c>), finished or still going, is not the answer: the wait goes on until a later run is seen.\n"
            : string.Empty;
        var vanishes = wait.Vanishes is { } gone
            ? "A status that has gone (HTTP " + string.Join(" or ", gone.On) + ": the work left the monitor) is never taken for the end by itself: the " + Literals.Xml(gone.SubjectLabel) + " it worked on (<paramref name=\"" + gone.SubjectParameter + "\"/>, else the last status's <c>" + Camel(gone.SubjectProperty) + "</c>) says how it ended, its status flags waited on with <c>" + Runtime.Async(gone.ConfirmHelper) + "</c> and its last update read with <c>" + gone.RecordMethod + "</c>; when nothing names it, the outcome is unknown (<see cref=\"" + Runtime.OutcomeUnknownException + "\"/>).\n"
            : string.Empty;
        var pending = wait.NoStatus is { } none
            ? "An answer of HTTP " + none.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " <c>" + Literals.Xml(none.Code) + "</c> \"" + Literals.Xml(none.Message) + "\" means there is no status yet: it counts as running.\n"
            : string.Empty;
        if (wait.Each.Count > 0)
        {
            docs.Doc(
                "Polls <c>" + wait.OperationId + "</c> until the " + Literals.Xml(wait.Describe) + " has ended in every item: every <c>" + Literals.Xml(wait.StatusJson) + "</c> is " + Values(wait.Succeeded, wait.ValueNames) + ", and answers the final status.\n"
                + "Any other value" + (wait.Running.Count > 0 ? " (" + Values(wait.Running, wait.ValueNames) + ", or one this client does not know)" : string.Empty) + " counts as still running"
                + (wait.Failed.Count > 0 ? "; the " + Literals.Xml(wait.Describe) + " fails when any item is " + Values(wait.Failed, wait.ValueNames) : string.Empty)
                + ". An answer without any such item fails: there is nothing to wait for.\n"
                + "Transient errors of the status call (429, 5xx, a broken connection) are retried without restarting the work.");
        }
        else
        {
        docs.Doc(
            "Polls <c>" + wait.OperationId + "</c> until the " + Literals.Xml(wait.Describe) + " succeeds (" + wait.StatusJson + " " + Values(wait.Succeeded, wait.ValueNames) + ") and answers the final status.\n"
            + over
            + "The " + Literals.Xml(wait.Describe) + " fails on " + string.Join(", or ", failedWhen) + "."
            + (wait.Finished is null ? " Any other " + wait.StatusJson + (wait.Running.Count > 0 ? " (" + Values(wait.Running, wait.ValueNames) + ", or one this client does not know)" : string.Empty) + " counts as still running." : string.Empty) + "\n"
            + skipped
            + previous
            + vanishes
            + pending
            + "Transient errors of the status call (429, 5xx, a broken connection) are retried without restarting the work.");
        }

        ParameterDocs(docs, wait.Parameters, "Passed to <c>" + wait.StatusMethod + "</c>.");
        if (wait.Vanishes is { } subjectDoc)
        {
            docs.Line("/// <param name=\"" + subjectDoc.SubjectParameter + "\">The " + Literals.Xml(subjectDoc.SubjectLabel) + " the work changes, when known, to confirm the outcome should the status vanish before it is read.</param>");
        }

        if (wait.Run is not null)
        {
            docs.Line("/// <param name=\"previousRun\">The last status read before the work was started (see <c>" + (wait.NoStatus is { } noStatusHelper ? Runtime.Async(noStatusHelper.Helper) : wait.StatusMethod) + "</c>), or <see langword=\"null\"/> when there was none: its run is not the one waited for.</param>");
        }

        WaitDocs(docs, "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime.OperationFailedException + "\">The server reported that the " + Literals.Xml(wait.Describe) + " failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime.WaitTimeoutException + "\">The " + Literals.Xml(wait.Describe) + " was still running when the wait's time limit ran out.</exception>");
        if (wait.Vanishes is not null)
        {
            docs.Line("/// <exception cref=\"" + Runtime.OutcomeUnknownException + "\">The status vanished and nothing names what the work changed.</exception>");
        }

        ApiExceptionDoc(docs);
        var previousParameter = wait.Run is null ? [] : new[] { wait.ResultType + "? previousRun = null" };
        context.Member(docs, "public virtual ", Runtime.Tasks + "Task<" + wait.ResultType + "> " + Runtime.Async(wait.Name) + "(" + Signature(wait.HelperParameters, [.. previousParameter, Runtime.OptionsParameter, Runtime.Progress(wait.ResultType), Runtime.TokenParameter]) + ")");
        context.Validate(wait.Parameters);
        writer.Line("return " + Runtime.FromStatus(wait.Name) + "(null, " + Names(wait.HelperParameters, wait.Run is null ? "null" : "previousRun", "options", "progress", "cancellationToken") + ");");
        writer.Close();
        writer.Line();

        writer.Doc("Waits as <see cref=\"" + Runtime.Async(wait.Name) + "\"/> does, starting from a status the caller already has (the answer that started the work): no status call right away.");
        var parameters = new[] { wait.ResultType + "? initial" }
            .Concat(wait.HelperParameters.Select(p => p.Type + " " + p.Name))
            .Concat([wait.ResultType + "? previousRun", Runtime.WaitOptions + "? options", "global::System.IProgress<" + Runtime.WaitProgress + "<" + wait.ResultType + ">>? progress", "global::System.Threading.CancellationToken cancellationToken"]);
        writer.Open("private " + Runtime.Tasks + "Task<" + wait.ResultType + "> " + Runtime.FromStatus(wait.Name) + "(" + string.Join(", ", parameters) + ")");
        writer.Line("return " + Runtime.Polling + ".PollAsync<" + wait.ResultType + ">(");
        writer.Line("    " + Workflow(wait.Name, wait.Parameters) + ",");
        writer.Line("    ct => " + wait.StatusMethod + "(" + Names(wait.Parameters, "ct") + "),");
        writer.Line("    " + RulesName(wait) + ",");
        writer.Line("    " + Description(wait) + ",");
        writer.Line("    options,");
        writer.Line("    progress,");
        writer.Line("    cancellationToken,");
        writer.Line("    initial,");
        writer.Line("    previousRun" + (wait.Vanishes is null ? ");" : ","));
        if (wait.Vanishes is not null)
        {
            writer.Line("    (last, error, waitOptions, ct) => " + ConfirmName(wait) + "(last, error, waitOptions, ct, " + Names(wait.HelperParameters) + "));");
        }

        writer.Close();
        writer.Line();

        if (wait.Vanishes is { } vanish)
        {
            EmitConfirm(context, wait, vanish);
        }

        if (wait.Resumable)
        {
            EmitWorkOf(writer, wait);
        }

        // What the spec declares of this wait, built once: how a status reads, how runs differ, what "no status yet" looks like.
        writer.Line("internal static readonly " + Runtime.WaitRules + "<" + wait.ResultType + "> " + RulesName(wait) + " = new(");
        writer.Line("    " + Quote(wait.StatusJson) + ",");
        writer.Line("    " + ClassifierName(wait) + ",");
        writer.Line("    " + (wait.Run is { } identity ? "status => " + Runtime.Wire + ".RunOf(status, " + Quote(identity.Json) + ", status." + identity.Property + ")" : "null") + ",");
        writer.Line("    " + (wait.NoStatus is { } noStatusAnswer ? "error => " + NoStatusTest(noStatusAnswer) : "null") + (wait.Vanishes is null ? ");" : ","));
        if (wait.Vanishes is { } vanished)
        {
            writer.Line("    error => error.StatusCode is " + string.Join(" or ", vanished.On) + ");");
        }
        writer.Line();

        if (wait.NoStatus is { } noStatus)
        {
            EmitNoStatus(context, wait, noStatus);
        }

        EmitClassifier(writer, wait);
    }

    /// <summary>A wait on a status in a response header, read as flags: the read, the wait, its rules and its classifier.</summary>
    private static void EmitHeaderWait(WaitHelper wait, WaitHelper.HeaderFlags header, EmitContext context)
    {
        var writer = context.Writer;
        var read = new SourceWriter();
        read.Doc("Calls <c>" + wait.OperationId + "</c> and reads its <c>" + Literals.Xml(header.HeaderName) + "</c> header as <see cref=\"" + header.FlagsType + "\"/> flags.");
        ParameterDocs(read, wait.Parameters, "Passed to <c>" + wait.OperationId + "</c>.");
        read.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        read.Line("/// <returns>The flags, with the number as sent.</returns>");
        read.Line("/// <exception cref=\"" + Runtime.ApiException + "\">The server answered an error, or no <c>" + Literals.Xml(header.HeaderName) + "</c> header that is a number.</exception>");
        context.Member(read, "public virtual async ", Runtime.Tasks + "Task<" + wait.ResultType + "> " + Runtime.Async(header.ReadMethod) + "(" + Signature(wait.Parameters, Runtime.TokenParameter) + ")");
        context.Validate(wait.Parameters);
        writer.Line("var response = await " + Naming.Pascal(wait.OperationId) + "Async(" + Names(wait.Parameters, "cancellationToken") + ").ConfigureAwait(false);");
        writer.Line("return " + wait.ResultType + ".FromHeader(response.StatusCode, response.Headers, " + Quote(header.HeaderName) + ", " + Quote(wait.OperationId) + ");");
        writer.Close();
        writer.Line();

        var docs = new SourceWriter();
        docs.Doc(
            "Polls <c>" + wait.OperationId + "</c> (its <c>" + Literals.Xml(header.HeaderName) + "</c> flags) until the " + Literals.Xml(wait.Describe) + " is over, and answers the final flags.\n"
            + (wait.Running.Count > 0 ? "While any of " + FlagNames(wait.Running, wait.ValueNames) + " is set it is still working. " : string.Empty)
            + "Then it fails when any of " + FlagNames(wait.Failed, wait.ValueNames) + " is set, succeeds when " + FlagNames(wait.Succeeded, wait.ValueNames, "and") + " " + (wait.Succeeded.Count == 1 ? "is" : "are") + " set, and fails otherwise (neither working nor ready is not a success).\n"
            + "Transient errors of the status call (429, 5xx, a broken connection) are retried without restarting the work.");
        ParameterDocs(docs, wait.Parameters, "Passed to <c>" + wait.OperationId + "</c>.");
        WaitDocs(docs, "The final flags.");
        docs.Line("/// <exception cref=\"" + Runtime.OperationFailedException + "\">The flags say the " + Literals.Xml(wait.Describe) + " failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime.WaitTimeoutException + "\">The " + Literals.Xml(wait.Describe) + " was still working when the wait's time limit ran out.</exception>");
        EmitSimpleWait(wait, Runtime.Async(header.ReadMethod), docs, context);

        writer.Line("internal static readonly " + Runtime.WaitRules + "<" + wait.ResultType + "> " + RulesName(wait) + " = new(" + Quote(header.HeaderName) + ", " + ClassifierName(wait) + ");");
        writer.Line();
        writer.Doc("What the <c>" + Literals.Xml(header.HeaderName) + "</c> flags say of the " + Literals.Xml(wait.Describe) + ", as the spec's <c>x-strategy-wait</c> declares it.");
        writer.Open("internal static " + Runtime.PollOutcome + " " + ClassifierName(wait) + "(" + wait.ResultType + " status)");
        writer.Line("var value = status.Raw.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
        writer.Line("var name = status.ToString();");
        if (header.RunningMask != 0)
        {
            writer.Line("// " + FlagList(wait.Running, wait.ValueNames));
            writer.Open("if ((status.Raw & " + Long(header.RunningMask) + ") != 0)");
            writer.Line("return " + Runtime.PollOutcome + ".Running(value, name);");
            writer.Close();
            writer.Line();
        }

        if (header.FailedMask != 0)
        {
            writer.Line("// " + FlagList(wait.Failed, wait.ValueNames));
            writer.Open("if ((status.Raw & " + Long(header.FailedMask) + ") != 0)");
            writer.Line("return " + Runtime.PollOutcome + ".Failed(value, name, new[] { new " + Runtime.Failure + "(null, null, \"the status flags are \" + name) });");
            writer.Close();
            writer.Line();
        }

        writer.Line("// " + FlagList(wait.Succeeded, wait.ValueNames));
        writer.Open("if ((status.Raw & " + Long(header.SucceededMask) + ") == " + Long(header.SucceededMask) + ")");
        writer.Line("return " + Runtime.PollOutcome + ".Succeeded(value, name);");
        writer.Close();
        writer.Line();
        writer.Line("return " + Runtime.PollOutcome + ".Failed(value, name, new[] { new " + Runtime.Failure + "(null, null, \"the status flags are \" + name + \", neither working nor " + FlagList(wait.Succeeded, wait.ValueNames) + "\") });");
        writer.Close();
        writer.Line();
    }

    /// <summary>The wait member of a status that is not a body (flags of a header, an HTTP status): poll <paramref name="readMethod"/> with the wait's rules, nothing else.</summary>
    private static void EmitSimpleWait(WaitHelper wait, string readMethod, SourceWriter docs, EmitContext context)
    {
        var writer = context.Writer;
        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual ", Runtime.Tasks + "Task<" + wait.ResultType + "> " + Runtime.Async(wait.Name) + "(" + Signature(wait.Parameters, Runtime.OptionsParameter, Runtime.Progress(wait.ResultType), Runtime.TokenParameter) + ")");
        context.Validate(wait.Parameters);
        writer.Line("return " + Runtime.Polling + ".PollAsync<" + wait.ResultType + ">(");
        writer.Line("    " + Workflow(wait.Name, wait.Parameters) + ",");
        writer.Line("    ct => " + readMethod + "(" + Names(wait.Parameters, "ct") + "),");
        writer.Line("    " + RulesName(wait) + ",");
        writer.Line("    " + Description(wait) + ",");
        writer.Line("    options,");
        writer.Line("    progress,");
        writer.Line("    cancellationToken);");
        writer.Close();
        writer.Line();
    }

    /// <summary>A wait on the answer's HTTP status code: the wait, its rules (with the answer's Retry-After as the least delay) and its classifier.</summary>
    private static void EmitHttpStatusWait(WaitHelper wait, WaitHelper.HttpCodes http, EmitContext context)
    {
        var writer = context.Writer;
        var docs = new SourceWriter();
        docs.Doc(
            "Polls <c>" + wait.OperationId + "</c> until its answer's HTTP status says the " + Literals.Xml(wait.Describe) + " is done (" + Values(wait.Succeeded) + "), and answers that answer, its body and headers with it.\n"
            + (wait.Failed.Count > 0 ? "An answer of " + Values(wait.Failed) + " means it failed. " : string.Empty)
            + "Any other success status" + (wait.Running.Count > 0 ? " (" + Values(wait.Running) + ", or one this client does not know)" : string.Empty) + " counts as still running"
            + (http.RetryAfterHeader is { } header ? ", and its <c>" + Literals.Xml(header) + "</c> seconds are the least time before the next call" : string.Empty) + ".\n"
            + "Transient errors of the status call (429, 5xx, a broken connection) are retried without restarting the work.");
        ParameterDocs(docs, wait.Parameters, "Passed to <c>" + wait.StatusMethod + "</c>.");
        WaitDocs(docs, "The answer that said it is done.");
        docs.Line("/// <exception cref=\"" + Runtime.OperationFailedException + "\">The HTTP status said the " + Literals.Xml(wait.Describe) + " failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime.WaitTimeoutException + "\">The " + Literals.Xml(wait.Describe) + " was still running when the wait's time limit ran out.</exception>");
        EmitSimpleWait(wait, wait.StatusMethod, docs, context);

        // A running answer that says when to ask again is heeded: its seconds are a floor on the next delay.
        var delay = http.RetryAfterProperty is { } property
            ? "answer => " + ClassifierName(wait) + "(answer).State == " + Runtime.Outcome + ".Running && answer." + property + " is > 0 and var seconds ? global::System.TimeSpan.FromSeconds(seconds) : null"
            : "null";
        writer.Line("internal static readonly " + Runtime.WaitRules + "<" + wait.ResultType + "> " + RulesName(wait) + " = new(\"HTTP status\", " + ClassifierName(wait) + ", DelayOf: " + delay + ");");
        writer.Line();
        writer.Doc("What the HTTP status of an answer of <c>" + wait.OperationId + "</c> says of the " + Literals.Xml(wait.Describe) + ", as the spec's <c>x-strategy-wait</c> declares it.");
        writer.Open("internal static " + Runtime.PollOutcome + " " + ClassifierName(wait) + "(" + wait.ResultType + " answer)");
        writer.Line("var code = answer.StatusCode.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
        writer.Open("return answer.StatusCode switch");
        writer.Line(string.Join(" or ", wait.Succeeded) + " => " + Runtime.PollOutcome + ".Succeeded(code, words: \"done\"),");
        if (wait.Failed.Count > 0)
        {
            writer.Line(string.Join(" or ", wait.Failed) + " => " + Runtime.PollOutcome + ".Failed(code, null, new[] { new " + Runtime.Failure + "(null, null, \"the server answered HTTP \" + code) }, \"failed\"),");
        }

        writer.Line("_ => " + Runtime.PollOutcome + ".Running(code, words: \"running\"),");
        writer.Close(";");
        writer.Close();
        writer.Line();
    }

    private static string Long(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";

    /// <summary>The flags' names (<c>Processing, LoadPending</c>), as the spec names them.</summary>
    private static string FlagList(EquatableArray<string> values, EquatableArray<NamedValue> names) =>
        string.Join(", ", values.Select(v => FlagName(v, names)));

    private static string FlagNames(EquatableArray<string> values, EquatableArray<NamedValue> names, string conjunction = "or") =>
        string.Join(" " + conjunction + " ", values.Select(v => "<c>" + Literals.Xml(FlagName(v, names)) + "</c>"));

    private static string FlagName(string value, EquatableArray<NamedValue> names) =>
        names.FirstOrDefault(n => n.Value == value) is { } named ? named.Name : value;

    /// <summary>How a status that has gone is confirmed: from the object the work changed (<c>vanishes</c>).</summary>
    private static void EmitConfirm(EmitContext context, WaitHelper wait, WaitHelper.VanishCheck vanish)
    {
        var writer = context.Writer;
        var confirmOn = vanish.ConfirmClient is null ? string.Empty : "new global::" + context.Client.Namespace + "." + vanish.ConfirmClient + "(_httpClient) { ProjectId = ProjectId }.";
        var work = wait.Identifying.Count > 0 ? wait.Identifying[0].Name : Quote(wait.Describe);
        // Internal: other work that follows the same status (a batch of them) confirms it the same way, with what the spec declares.
        writer.Doc("Confirms how the " + Literals.Xml(wait.Describe) + " ended once its status has gone, from the " + Literals.Xml(vanish.SubjectLabel) + " it changed.");
        var parameters = new[] { wait.ResultType + "? last", Runtime.ApiException + "? error", Runtime.WaitOptions + " waitOptions", "global::System.Threading.CancellationToken ct" }
            .Concat(wait.HelperParameters.Select(p => p.Type + " " + p.Name));
        writer.Open("internal " + Runtime.Tasks + "Task<" + wait.ResultType + "> " + ConfirmName(wait) + "(" + string.Join(", ", parameters) + ")");
        writer.Line("return " + Runtime.Vanish + ".ConfirmAsync<" + wait.ResultType + ", " + vanish.FlagsType + ">(");
        writer.Line("    " + Description(wait) + ",");
        writer.Line("    " + work + ",");
        writer.Line("    last,");
        writer.Line("    error,");
        writer.Line("    " + Quote(vanish.SubjectLabel) + ",");
        writer.Line("    " + vanish.SubjectParameter + " ?? (last is null ? null : " + Runtime.Wire + ".Text(last." + vanish.SubjectProperty + ")),");
        writer.Line("    (subject, o, c) => " + confirmOn + Runtime.Async(vanish.ConfirmHelper) + "(subject, o, null, c),");
        writer.Line("    (subject, c) => " + confirmOn + vanish.RecordMethod + "(subject, " + work + ", c),");
        writer.Line("    (confirmed, subject, succeeded, message) => Mark" + wait.Name + "(confirmed, subject, succeeded, message" + (vanish.IdProperty is null ? string.Empty : ", " + work) + "),");
        writer.Line("    " + Quote(wait.StatusJson) + ",");
        writer.Line("    " + Quote(vanish.FailedValue) + ",");
        writer.Line("    waitOptions,");
        writer.Line("    ct);");
        writer.Close();
        writer.Line();

        // The confirmed answer is the last status, copied and marked as the spec declares the fields: typed, with no JSON round trip.
        writer.Doc("The last status of the " + Literals.Xml(wait.Describe) + " (or a new one), copied and marked with the outcome confirmed from the " + Literals.Xml(vanish.SubjectLabel) + ".");
        writer.Open("private static " + wait.ResultType + " Mark" + wait.Name + "(" + wait.ResultType + "? last, string subject, bool succeeded, string? message" + (vanish.IdProperty is null ? string.Empty : ", string workId") + ")");
        writer.Line("var marked = last is null ? new " + wait.ResultType + "() : " + Runtime.Wire + ".Copy(last);");
        writer.Line("marked." + wait.StatusProperty + " = " + Runtime.Wire + ".Value(marked." + wait.StatusProperty + ", succeeded ? " + Quote(vanish.SucceededValue) + " : " + Quote(vanish.FailedValue) + ");");
        writer.Line("marked." + vanish.SubjectProperty + " ??= subject;");
        if (wait.MessageProperty is { } messageProperty)
        {
            writer.Line("marked." + messageProperty + " ??= message;");
        }

        if (vanish.IdProperty is { } idProperty)
        {
            writer.Line("marked." + idProperty + " ??= workId;");
        }

        writer.Line("return marked;");
        writer.Close();
        writer.Line();
    }

    /// <summary>The work this wait follows, as an operation made from what identifies it (its resume token's arguments).</summary>
    private static void EmitWorkOf(SourceWriter writer, WaitHelper wait)
    {
        writer.Doc("The " + Literals.Xml(wait.Describe) + " as an operation, from what identifies it (a resume token's arguments, by the status call's parameter names): checked with one status call, waited for as <see cref=\"" + Runtime.Async(wait.Name) + "\"/> waits.");
        writer.Open("internal " + Runtime.Work + "<" + wait.ResultType + "> " + Runtime.WorkOf(wait.Name) + "(" + Runtime.ResumeToken + " token)");
        foreach (var parameter in wait.HelperParameters)
        {
            writer.Line("var " + parameter.Name + " = token.Argument(" + Quote(parameter.Name) + ")" + (parameter.Type.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : " ?? string.Empty") + ";");
        }

        writer.Line("var previousRun = " + (wait.Run is { } run ? "token.PreviousRun is { } before ? " + Runtime.Wire + ".FromField<" + wait.ResultType + ">(" + Quote(run.Json) + ", before) : null" : "(" + wait.ResultType + "?)null") + ";");
        writer.Line("var description = " + Description(wait) + ";");
        writer.Line("return new " + Runtime.Work + "<" + wait.ResultType + ">(");
        writer.Line("    token,");
        writer.Line("    description,");
        // One check reads the status through the same operation a wait reads it through (its three rules, its typed failure).
        writer.Line("    new " + Runtime.StatusOperation + "<" + wait.ResultType + ">(description, c => " + wait.StatusMethod + "(" + Names(wait.Parameters, "c") + "), " + RulesName(wait) + ", token.PreviousRun, "
            + (wait.Vanishes is null ? "null" : "(last, error, waitOptions, c) => " + ConfirmName(wait) + "(last, error, waitOptions, c, " + Names(wait.HelperParameters) + ")") + "),");
        writer.Line("    (last, options, progress, ct) => " + Runtime.FromStatus(wait.Name) + "(last, " + Names(wait.HelperParameters, "previousRun", "options", "progress", "ct") + "),");
        writer.Line("    outcomeOf: status => " + ClassifierName(wait) + "(status).State);");
        writer.Close();
        writer.Line();
    }

    private static string ConfirmName(WaitHelper wait) => "Confirm" + wait.Name + "Async";

    /// <summary>The helper that answers <see langword="null"/> where the server says there is no status yet.</summary>
    private static void EmitNoStatus(EmitContext context, WaitHelper wait, WaitHelper.NoStatusAnswer noStatus)
    {
        var writer = context.Writer;
        var docs = new SourceWriter();
        docs.Doc(
            "Calls <c>" + wait.OperationId + "</c>, and answers <see langword=\"null\"/> where the server says there is no status yet (HTTP "
            + noStatus.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " <c>" + Literals.Xml(noStatus.Code) + "</c> \"" + Literals.Xml(noStatus.Message) + "\"), as it does before the work first ran.");
        ParameterDocs(docs, wait.Parameters, "Passed to <c>" + wait.StatusMethod + "</c>.");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        docs.Line("/// <returns>The status, or <see langword=\"null\"/> when there is none yet.</returns>");
        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual async ", Runtime.Tasks + "Task<" + wait.ResultType + "?> " + Runtime.Async(noStatus.Helper) + "(" + Signature(wait.Parameters, Runtime.TokenParameter) + ")");
        context.Validate(wait.Parameters);
        writer.Open("try");
        writer.Line("return await " + wait.StatusMethod + "(" + Names(wait.Parameters, "cancellationToken") + ").ConfigureAwait(false);");
        writer.Close();
        writer.Line("catch (" + Runtime.ApiException + " error) when (" + NoStatusTest(noStatus) + ")");
        writer.Line("{");
        writer.Line("    return null;");
        writer.Line("}");
        if (noStatus.Unavailable is { } unavailable)
        {
            // The same answer in other words: the server reports no status at all, so waiting could only run out of time.
            writer.Line("catch (" + Runtime.ApiException + " error) when (" + Runtime.Answers + ".Means(error, " + noStatus.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + Quote(noStatus.Code) + ", " + Quote(unavailable) + "))");
            writer.Line("{");
            writer.Line("    throw new global::Strategy.Generated.StrategyStatusUnavailableException(" + Quote(wait.OperationId) + ", " + Description(wait) + ", " + Quote("the server answers \"" + unavailable + "\"") + ", error);");
            writer.Line("}");
        }
        writer.Close();
        writer.Line();
    }

    private static void EmitClassifier(SourceWriter writer, WaitHelper wait)
    {
        if (wait.Each.Count > 0)
        {
            EmitEachClassifier(writer, wait);
            return;
        }

        writer.Doc("What a status of <c>" + wait.OperationId + "</c> says of the " + Literals.Xml(wait.Describe) + ", as the spec's <c>x-strategy-wait</c> declares it.");
        writer.Open("internal static " + Runtime.PollOutcome + " " + ClassifierName(wait) + "(" + wait.ResultType + " status)");
        writer.Line("var value = " + Runtime.Wire + ".ValueOf(status, " + Quote(wait.StatusJson) + ", status." + wait.StatusProperty + ");");
        writer.Line("var name = " + NameOf(wait) + ";");
        if (wait.Words.Count > 0)
        {
            writer.Line("var words = " + WordsOf(wait) + ";");
        }

        if (wait.Finished is { } finished)
        {
            writer.Line("var over = " + Runtime.Wire + ".ValueOf(status, " + Quote(finished.Json) + ", status." + finished.Property + ");");
            writer.Open("if (over is not (" + Patterns(finished.Values) + "))");
            // Until the work is over, what the field that says so reads is its words (executing), not the outcome field's.
            writer.Line("return " + Runtime.PollOutcome + ".Running(value, name" + (finished.ValueNames.Count > 0 ? ", " + Switch("over", finished.ValueNames) : string.Empty) + ");");
            writer.Close();
            writer.Line();
        }

        if (wait.FailedItems is { } failedItems)
        {
            writer.Line("var failedItems = new global::System.Collections.Generic.List<" + Runtime.Failure + ">();");
            writer.Open("foreach (var item in status." + failedItems.ItemsProperty + " ?? [])");
            writer.Open("if (item is not null && " + Runtime.Wire + ".ValueOf(item, " + Quote(failedItems.StatusJson) + ", item." + failedItems.StatusProperty + ") is " + Patterns(failedItems.Values) + ")");
            writer.Line("failedItems.Add(new " + Runtime.Failure + "(" + Text("item", failedItems.SubjectProperty) + ", " + Text("item", failedItems.CodeProperty) + ", " + Text("item", failedItems.MessageProperty) + "));");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Open("if (failedItems.Count > 0)");
            writer.Line("return " + Runtime.PollOutcome + ".Failed(value, name, failedItems" + WordsArgument(wait) + ");");
            writer.Close();
            writer.Line();
        }

        writer.Open("if (value is " + Patterns(wait.Succeeded) + ")");
        writer.Line("return " + Runtime.PollOutcome + ".Succeeded(value, name" + WordsArgument(wait) + ");");
        writer.Close();
        if (wait.Skipped.Count > 0)
        {
            writer.Line();
            writer.Open("if (value is " + Patterns(wait.Skipped) + ")");
            writer.Line("return " + Runtime.PollOutcome + ".Skipped(value, name" + WordsArgument(wait) + ");");
            writer.Close();
        }

        var failures = HasFailureSources(wait) ? FailuresName(wait) + "(status)" : "global::System.Array.Empty<" + Runtime.Failure + ">()";
        if (wait.Failed.Count > 0)
        {
            writer.Line();
            writer.Open("if (value is " + Patterns(wait.Failed) + ")");
            writer.Line("return " + Runtime.PollOutcome + ".Failed(value, name, " + failures + WordsArgument(wait) + ");");
            writer.Close();
        }

        if (wait.FailedBelow is not null)
        {
            writer.Line();
            writer.Open("if (long.TryParse(value, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out var number) && number < " + wait.FailedBelow + ")");
            writer.Line("return " + Runtime.PollOutcome + ".Failed(value, name, " + failures + WordsArgument(wait) + ");");
            writer.Close();
        }

        writer.Line();
        // Once the work is over, an outcome the spec does not list is not a success.
        writer.Line("return " + Runtime.PollOutcome + "." + (wait.Finished is null ? "Running(value, name" + WordsArgument(wait) + ")" : "Failed(value, name, " + failures + WordsArgument(wait) + ")") + ";");
        writer.Close();
        writer.Line();

        if (HasFailureSources(wait))
        {
            writer.Doc("The reasons a failed status of <c>" + wait.OperationId + "</c> gives.");
            writer.Open("private static global::System.Collections.Generic.IEnumerable<" + Runtime.Failure + "> " + FailuresName(wait) + "(" + wait.ResultType + " status)");
            var first = true;
            if (wait.MessageProperty is { } message)
            {
                writer.Open("if (!string.IsNullOrEmpty(status." + message + "))");
                writer.Line("yield return new " + Runtime.Failure + "(null, null, status." + message + ");");
                writer.Close();
                first = false;
            }

            if (wait.ErrorsProperty is not null && wait.ErrorsElementType is not null)
            {
                writer.Open("foreach (var error in global::System.Linq.Enumerable.OfType<" + wait.ErrorsElementType + ">(status." + wait.ErrorsProperty + " ?? []))");
                writer.Line("yield return new " + Runtime.Failure + "(null, error.Code, error.Message);");
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
                writer.Line("yield return new " + Runtime.Failure + "(" + Text("item", detail.SubjectProperty) + ", " + Runtime.Wire + ".Text(error.Code), error.Message);");
                writer.Close();
                writer.Close();
            }

            writer.Close();
            writer.Line();
        }
    }

    /// <summary>
    /// The classifier of a status read in every item of a list (<c>each</c>): failed when any item
    /// failed, running while any has not ended, succeeded when every one has; the words say how many.
    /// </summary>
    private static void EmitEachClassifier(SourceWriter writer, WaitHelper wait)
    {
        writer.Doc("What a status of <c>" + wait.OperationId + "</c> says of the " + Literals.Xml(wait.Describe) + ", read in every <c>" + Literals.Xml(wait.StatusJson) + "</c>, as the spec's <c>x-strategy-wait</c> declares it.");
        writer.Open("internal static " + Runtime.PollOutcome + " " + ClassifierName(wait) + "(" + wait.ResultType + " status)");
        writer.Line("var values = new global::System.Collections.Generic.List<string>();");
        var owner = "status";
        for (var i = 0; i < wait.Each.Count; i++)
        {
            var item = i == wait.Each.Count - 1 ? "item" : "each" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            writer.Open("foreach (var " + item + " in " + owner + "." + wait.Each[i] + " ?? [])");
            writer.Open("if (" + item + " is null)");
            writer.Line("continue;");
            writer.Close();
            writer.Line();
            owner = item;
        }

        writer.Line("values.Add(" + Runtime.Wire + ".ValueOf(item, " + Quote(wait.StatusJson.Substring(wait.StatusJson.LastIndexOf('.') + 1)) + ", item." + wait.StatusProperty + "));");
        for (var i = 0; i < wait.Each.Count; i++)
        {
            writer.Close();
        }

        writer.Line();
        writer.Open("if (values.Count == 0)");
        writer.Line("return " + Runtime.PollOutcome + ".Failed(string.Empty, null, new[] { new " + Runtime.Failure + "(null, null, " + Quote("the answer has no " + wait.StatusJson + " to wait for") + ") });");
        writer.Close();
        writer.Line();
        writer.Line("var total = values.Count.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
        if (wait.Failed.Count > 0)
        {
            writer.Line("var failed = values.FindAll(value => value is " + Patterns(wait.Failed) + ");");
            writer.Open("if (failed.Count > 0)");
            writer.Line("return " + Runtime.PollOutcome + ".Failed(failed[0], null, failed.ConvertAll(value => new " + Runtime.Failure + "(null, null, " + Quote(wait.StatusJson.Substring(wait.StatusJson.LastIndexOf('.') + 1) + " ") + " + value)), failed[0] + \" on \" + failed.Count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" of \" + total);");
            writer.Close();
            writer.Line();
        }

        writer.Line("var open = values.FindAll(value => value is not (" + Patterns(wait.Succeeded) + "));");
        writer.Open("if (open.Count > 0)");
        writer.Line("return " + Runtime.PollOutcome + ".Running(open[0], null, open[0] + \" on \" + open.Count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" of \" + total);");
        writer.Close();
        writer.Line();
        writer.Line("return " + Runtime.PollOutcome + ".Succeeded(values[0], null, string.Join(\", \", global::System.Linq.Enumerable.Distinct(values)) + \" on all \" + total);");
        writer.Close();
        writer.Line();
    }

    /// <summary>Whether a failed status can say why: it has an error list, or items with error objects.</summary>
    private static bool HasFailureSources(WaitHelper wait) => (wait.ErrorsProperty is not null && wait.ErrorsElementType is not null) || wait.Details.Count > 0 || wait.MessageProperty is not null;

    private static string FailuresName(WaitHelper wait) => "Failures" + wait.Name;

    /// <summary>The name the spec gives a status value (<c>x-enumNames</c>: 3 is <c>canceled</c>), for messages; <see langword="null"/> for none.</summary>
    private static string NameOf(WaitHelper wait)
    {
        if (wait.ValueNames.Count == 0)
        {
            return "(string?)null";
        }

        return Switch("value", wait.ValueNames);
    }

    /// <summary>The status in the spec's words (<c>words</c>), for people: <c>value switch { "1" => "queued or running", … }</c>; the value itself stays in the status.</summary>
    private static string WordsOf(WaitHelper wait) =>
        Switch("value", wait.Words.Select(w => new NamedValue(w.Name, w.Value)).ToEquatableArray());

    /// <summary>The words argument of an outcome, when the wait declares words.</summary>
    private static string WordsArgument(WaitHelper wait) => wait.Words.Count > 0 ? ", words" : string.Empty;

    private static string ClassifierName(WaitHelper wait) => "Classify" + wait.Name;

    private static string RulesName(WaitHelper wait) => wait.Name + "Rules";

    private static string NoStatusTest(WaitHelper.NoStatusAnswer noStatus) =>
        Runtime.Answers + ".Means(error, " + noStatus.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + Quote(noStatus.Code) + ", " + Quote(noStatus.Message) + ")";

    /// <summary>
    /// What is waited on, for messages, each id labelled by its parameter's name:
    /// <c>"publish of data model " + dataModelId + " (instance " + instanceId + ")"</c>, <c>"task " + taskId</c>.
    /// </summary>
    private static string Description(WaitHelper wait)
    {
        // Only what names the work: optional parameters (fields, a subject) say nothing of which.
        var identifying = wait.Identifying;
        if (identifying.Count == 0)
        {
            return Quote(wait.Describe);
        }

        // Text and arguments in turn; text pieces are joined into one literal.
        var first = identifying[0];
        var label = Naming.Label(first.Name);
        var parts = new List<(string Text, bool IsArgument)>
        {
            (wait.Describe.EndsWith(label, System.StringComparison.Ordinal) ? wait.Describe + " " : wait.Describe + " of " + label + " ", false),
            (first.Name, true),
        };
        for (var i = 1; i < identifying.Count; i++)
        {
            parts.Add(((i == 1 ? " (" : ", ") + Naming.Label(identifying[i].Name) + " ", false));
            parts.Add((identifying[i].Name, true));
        }

        if (identifying.Count > 1)
        {
            parts.Add((")", false));
        }

        return string.Join(" + ", parts.Select(p => p.IsArgument ? p.Text : Quote(p.Text)));
    }

    private static string Text(string item, string? property) => property is null ? "null" : Runtime.Wire + ".Text(" + item + "." + property + ")";

    /// <summary>The status model's <c>Outcome</c>: what it says of the work, as the wait reads it.</summary>
    public static void EmitOutcome(WaitHelper wait, EmitContext context)
    {
        var writer = context.Writer;
        var clientClass = context.Client.Namespace + "." + context.Client.ClassName;
        var type = wait.ResultType.StartsWith("global::", System.StringComparison.Ordinal) ? wait.ResultType.Substring("global::".Length) : wait.ResultType;
        var dot = type.LastIndexOf('.');
        writer.Open("namespace " + type.Substring(0, dot));
        writer.Open("public partial class " + type.Substring(dot + 1));
        writer.Doc("What this status says of the " + Literals.Xml(wait.Describe) + " (running, succeeded, failed or skipped), as <see cref=\"" + clientClass + "." + Runtime.Async(wait.Name) + "\"/> reads it from the spec's declaration.");
        writer.Line("[global::Newtonsoft.Json.JsonIgnore]");
        writer.Line("public " + Runtime.Outcome + " Outcome => global::" + clientClass + "." + ClassifierName(wait) + "(this).State;");
        writer.Close();
        writer.Close();
    }
}
