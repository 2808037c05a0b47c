using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

// x-strategy-start: start work as a task, then wait for it with a declared wait.

/// <summary><c>x-strategy-start</c>: this operation starts work that <see cref="Wait"/> reports on.</summary>
internal sealed record StartDeclaration(
    string Helper,
    string Wait,
    EquatableArray<NamedValue> Set,
    EquatableArray<NamedValue> Bind,
    SpecLocation Location);

/// <summary>Starts work and waits for it.</summary>
internal sealed record StartHelper(
    string OperationId,
    string Name,
    string StartMethod,
    EquatableArray<HelperParameter> Parameters,
    EquatableArray<string> StartArguments,
    string WaitName,
    string WaitOperationId,
    EquatableArray<string> WaitArguments,
    string ResultType,
    bool StartMayAnswerNothing,
    bool StartAnswersStatus);

/// <summary>Reads the <c>x-strategy-start</c> declaration.</summary>
internal sealed partial class WorkflowReader
{
    private StartDeclaration ReadStart(Entry e) => new(
        e.Identifier("helper"),
        e.Required("wait"),
        e.Pairs("set"),
        e.Pairs("bind"),
        e.Location);
}

/// <summary>Resolves the <c>x-strategy-start</c> declaration against the generated client.</summary>
internal sealed partial class WorkflowsBuilder
{
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
            method.ResultNullable,
            method.ResultType == target.Method.ResultType));
    }
}

/// <summary>Emits the <c>x-strategy-start</c> helper.</summary>
internal static partial class WorkflowsEmitter
{
    private static void EmitStart(SourceWriter writer, List<InterfaceMember> members, StartHelper start)
    {
        var docs = new SourceWriter();
        var result = start.ResultType + (start.StartMayAnswerNothing ? "?" : string.Empty);
        docs.Doc(
            "Calls <c>" + start.OperationId + "</c> so that the work runs as a task on the server, then waits for it with <see cref=\""
            + start.WaitName + "\"/> (polling <c>" + start.WaitOperationId + "</c>).");
        ParameterDocs(docs, start.Parameters, "Passed to <c>" + start.StartMethod + "</c>.");
        WaitDocs(docs, start.StartMayAnswerNothing
            ? "The final status, or <see langword=\"null\"/> when the server did the work before answering and there is nothing to wait for."
            : "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyOperationFailedException\">The server reported that the work failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyWaitTimeoutException\">The work was still running when the wait's time limit ran out.</exception>");
        ApiExceptionDoc(docs);
        Member(writer, members, docs, "public virtual async ", Tasks + "Task<" + result + "> " + start.Name + "(" + Signature(start.Parameters, OptionsParameter, Progress(start.ResultType), TokenParameter) + ")");
        Validate(writer, start.Parameters);
        var wait = start.StartAnswersStatus
            // The answer that started the work already says it is running: wait from it, with a delay first.
            ? FromStatusName(start.WaitName) + "(started, " + Arguments(start.WaitArguments, "options", "progress", "cancellationToken") + ")"
            : start.WaitName + "(" + Arguments(start.WaitArguments, "options", "progress", "cancellationToken") + ")";
        writer.Line("return (await " + Runtime + "StrategyStart.RunAsync(");
        writer.Line("    " + Workflow(start.Name, start.Parameters) + ",");
        writer.Line("    options,");
        writer.Line("    ct => " + start.StartMethod + "(" + Arguments(start.StartArguments, "ct") + "),");
        writer.Line("    started => " + wait + ",");
        writer.Line("    cancellationToken).ConfigureAwait(false))" + (start.StartMayAnswerNothing ? string.Empty : "!") + ";");
        writer.Close();
        writer.Line();
    }
}
