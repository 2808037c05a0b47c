using System.Linq;
using Strategy.Generated.Generators.Common;
using static Strategy.Generated.Generators.Workflows.EmitContext;

namespace Strategy.Generated.Generators.Workflows.Start;

/// <summary>Writes an <c>x-strategy-start</c> helper: start the work, then wait for it.</summary>
internal static class StartEmitter
{
    public static void Emit(StartHelper start, EmitContext context)
    {
        EmitStartForm(start, context);

        var writer = context.Writer;
        var ns = context.Client.Namespace;
        var waitName = Runtime.Async(start.WaitHelper);
        var docs = new SourceWriter();
        var mayBeDone = start.DoneOn is not null;
        var result = start.ResultType + (mayBeDone ? "?" : string.Empty);
        var waitCref = start.WaitClient is null ? waitName : start.WaitClient + "." + waitName;
        docs.Doc(
            "Calls <c>" + start.OperationId + "</c> to start the work, then waits for it with <see cref=\"" + waitCref + "\"/> (polling <c>" + start.WaitOperationId + "</c>)."
            + (start.Before is not null
                ? "\nThe last status is read first (<c>" + start.Before + "</c>), so the run that ended before this start is not taken for the one it started."
                : string.Empty)
            + (mayBeDone ? "\nA " + start.DoneOn + " answer without a body says the server did the work before answering: there is nothing to wait for." : string.Empty)
            + (start.Cancel is { } stop ? "\nWhen the wait ends early (the token, or the time limit), the " + Literals.Xml(stop.Label) + " is cancelled on the server with <c>" + stop.OperationId + "</c>." : string.Empty)
            + (start.CannotStop ? "\nThe work cannot be stopped: when the wait ends early (the token, or the time limit), it goes on running on the server." : string.Empty));
        ParameterDocs(docs, start.Parameters, "Passed to <c>" + start.StartMethod + "</c>.");
        WaitDocs(docs, mayBeDone
            ? "The final status, or <see langword=\"null\"/> when the server did the work before answering and there is nothing to wait for."
            : "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime.OperationFailedException + "\">The server reported that the work failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime.WaitTimeoutException + "\">The work was still running when the wait's time limit ran out"
            + (start.Cancel is { } stopped ? "; the " + Literals.Xml(stopped.Label) + " was then cancelled on the server (<c>" + stopped.OperationId + "</c>), as its <c>CancelledOnServer</c> says" : start.CannotStop ? "; the work cannot be stopped and may still finish" : string.Empty)
            + ".</exception>");
        if (start.Cancel is { } cancelled)
        {
            docs.Line("/// <exception cref=\"" + Runtime.WorkCancelledException + "\">The wait was cancelled; the " + Literals.Xml(cancelled.Label) + " was then cancelled on the server too (once, within <see cref=\"" + Runtime.WaitOptions + ".CleanupTimeout\"/>), as its <c>CancelledOnServer</c> says.</exception>");
        }

        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual ", Runtime.Tasks + "Task<" + result + "> " + Runtime.Async(start.Name) + "(" + Signature(start.Parameters, Runtime.OptionsParameter, Runtime.Progress(start.ResultType), Runtime.TokenParameter) + ")");
        context.Validate(start.Parameters);
        // The helper is its operation, started and waited for in one call.
        writer.Line("return " + Runtime.Start + "." + (mayBeDone ? "RunWorkOrDoneAsync" : "RunWorkAsync") + "(");
        writer.Line("    " + Workflow(start.Name, start.Parameters) + ",");
        writer.Line("    options,");
        writer.Line("    ct => " + Runtime.Async(start.StartName) + "(" + string.Join(", ", start.Parameters.Select(p => p.Name).Concat(["ct"])) + "),");
        writer.Line("    progress,");
        writer.Line("    cancellationToken);");
        writer.Close();
        writer.Line();
    }

    /// <summary>
    /// Reads the object the work is on and refuses, before anything is sent, one whose field holds a
    /// value the server reports no status for (<c>requires</c>).
    /// </summary>
    private static void EmitRequirement(SourceWriter writer, string operationId, Requirement requirement)
    {
        writer.Line("var required = await " + requirement.Method + "(" + Arguments(requirement.Arguments, "cancellationToken") + ").ConfigureAwait(false);");
        var path = requirement.Path;
        var owner = "required";
        var conditions = new System.Collections.Generic.List<string>();
        for (var i = 0; i < path.Count - 1; i++)
        {
            var next = "required" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            conditions.Add(owner + (i == 0 ? "?." : ".") + Naming.Pascal(path[i]) + " is { } " + next);
            owner = next;
        }

        if (path.Count == 1)
        {
            conditions.Add(owner + " is not null");
        }

        var last = path[path.Count - 1];
        var value = "(" + string.Join(" && ", conditions) + " ? " + Runtime.Wire + ".ValueOf(" + owner + ", " + Quote(last) + ", " + owner + "." + Naming.Pascal(last) + ") : string.Empty)";
        var subject = requirement.Subject is { } named ? Quote(named.Name + " ") + " + " + Render(named.Argument) : Quote("the object");
        writer.Line(Runtime.Start + ".Require(" + Quote(operationId) + ", " + subject + ", " + Quote(requirement.Describe) + ", " + value + ", new string[] { " + string.Join(", ", requirement.Values.Select(Quote)) + " });");
    }

    /// <summary>The start form: starts the work and answers it as an operation (with its resume token), without waiting.</summary>
    private static void EmitStartForm(StartHelper start, EmitContext context)
    {
        var writer = context.Writer;
        var ns = context.Client.Namespace;
        var waitOn = start.WaitClient is null ? string.Empty : "new global::" + ns + "." + start.WaitClient + "(_httpClient) { ProjectId = ProjectId }.";
        var classify = (start.WaitClient is null ? string.Empty : "global::" + ns + "." + start.WaitClient + ".") + "Classify" + start.WaitHelper;
        var work = Runtime.Work + "<" + start.ResultType + ">";
        var docs = new SourceWriter();
        docs.Doc(
            "Calls <c>" + start.OperationId + "</c> to start the work and answers it as an operation, without waiting: check it with <c>UpdateStatusAsync</c>, wait with <c>WaitForCompletionAsync</c> (as <see cref=\"" + Runtime.Async(start.Name) + "\"/> does), or hand <c>GetResumeToken()</c> to another process, which resumes it with <c>StrategyConnection.ResumeAsync</c>."
            + (start.Before is not null ? "\nThe last run is read first, and the token names it, so that run is never taken for the one started here." : string.Empty)
            + (start.DoneOn is not null ? "\nAn empty " + start.DoneOn + " answer (the server did the work before answering) is an operation already completed." : string.Empty));
        ParameterDocs(docs, start.Parameters, "Passed to <c>" + start.StartMethod + "</c>.");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the start.</param>");
        docs.Line("/// <returns>The work, started.</returns>");
        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual async ", Runtime.Tasks + "Task<" + work + "> " + Runtime.Async(start.StartName) + "(" + Signature(start.Parameters, Runtime.TokenParameter) + ")");
        context.Validate(start.Parameters);
        if (start.Requirement is { } requirement)
        {
            EmitRequirement(writer, start.OperationId, requirement);
        }

        var previousRun = "null";
        if (start.Answer == StartAnswer.Nothing && start.Before is not null && start.RunField is { } run)
        {
            writer.Line("var before = await " + waitOn + start.Before + "(" + Arguments(start.WaitArguments, "cancellationToken") + ").ConfigureAwait(false);");
            previousRun = "before is null ? null : " + Runtime.Wire + ".RunOf(before, " + Quote(run.Json) + ", before." + run.Property + ")";
        }

        var tokenArguments = string.Concat(start.TokenArguments.Select(a => ", (" + Quote(a.Name) + ", " + (a.Argument is Argument.AnswerField field ? Runtime.Wire + ".Text(started." + field.Property + ")" : Render(a.Argument)) + ")"));
        if (start.Answer == StartAnswer.Nothing)
        {
            writer.Line("await " + start.StartMethod + "(" + Arguments(start.StartArguments, "cancellationToken") + ").ConfigureAwait(false);");
            writer.Line("var token = " + Runtime.ResumeToken + ".For(_httpClient, ProjectId, " + Quote(start.OperationId) + ", " + previousRun + tokenArguments + ");");
            writer.Line("return " + waitOn + Runtime.WorkOf(start.WaitHelper) + "(token);");
            writer.Close();
            writer.Line();
            return;
        }

        writer.Line("var started = await " + start.StartMethod + "(" + Arguments(start.StartArguments, "cancellationToken") + ").ConfigureAwait(false);");
        writer.Open("if (started is null)");
        if (start.DoneOn is not null)
        {
            writer.Line("return " + waitOn + Runtime.WorkOf(start.WaitHelper) + "(" + Runtime.ResumeToken + ".For(_httpClient, ProjectId, " + Quote(start.OperationId) + ", null)).DoneAlready();");
        }
        else
        {
            writer.Line("throw new " + Runtime.ApiException + "(" + Quote(start.OperationId + " answered without a body, so there is nothing to wait on.") + ", 0, null, null, null);");
        }

        writer.Close();
        writer.Line();
        writer.Line("var token = " + Runtime.ResumeToken + ".For(_httpClient, ProjectId, " + Quote(start.OperationId) + ", null" + tokenArguments + ");");
        var stoppable = string.Empty;
        if (start.Cancel is { } cancel)
        {
            // Only this process has the start's answer that says how to stop the work.
            var cancelOn = cancel.Client is null ? string.Empty : "new global::" + ns + "." + cancel.Client + "(_httpClient) { ProjectId = ProjectId }.";
            stoppable = ".StoppedBy(" + Quote(cancel.Label + " ") + " + " + Arguments(cancel.Arguments.Take(1)) + ", ct => " + cancelOn + cancel.Method + "(" + Arguments(cancel.Arguments, "ct") + "))";
        }

        writer.Line(start.Answer == StartAnswer.Status
            ? "return " + waitOn + Runtime.WorkOf(start.WaitHelper) + "(token).From(started, " + classify + "(started))" + stoppable + ";"
            : "return " + waitOn + Runtime.WorkOf(start.WaitHelper) + "(token)" + stoppable + ";");
        writer.Close();
        writer.Line();
    }
}
