using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

// x-strategy-start: start work, then wait for it with a declared wait.

/// <summary><c>x-strategy-start</c>: this operation starts work that <see cref="Wait"/> reports on.</summary>
/// <param name="WaitTag">The tag of the wait's client, when the spec puts the wait in another client than the start.</param>
/// <param name="DoneOn">The success status whose empty answer means the work was done before the answer: nothing to wait for.</param>
internal sealed record StartDeclaration(
    string Helper,
    string Wait,
    string? WaitTag,
    string? DoneOn,
    EquatableArray<NamedValue> Set,
    EquatableArray<NamedValue> Bind,
    SpecPlaces Places);

/// <summary>What the start's answer holds.</summary>
internal enum StartAnswer
{
    /// <summary>No body: the wait's arguments come from the helper's own.</summary>
    Nothing,

    /// <summary>A status of the wait's own type: the wait starts from it.</summary>
    Status,

    /// <summary>Another body, whose fields are bound to the wait's parameters.</summary>
    Other,
}

/// <summary>Starts work and waits for it.</summary>
/// <param name="WaitClient">The wait's client class when it is not the start's (created on the same HttpClient and project).</param>
/// <param name="BeforeMethod">For a wait that tells runs apart: the call that reads the last run before the start, so the wait skips it.</param>
/// <param name="BeforeAnswersNull">Whether that call answers <see langword="null"/> for "no status yet" (the wait's <c>noStatus</c> helper).</param>
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
    StartAnswer Answer,
    string? DoneOn,
    string? WaitClient,
    string? BeforeMethod,
    bool BeforeAnswersNull);

/// <summary>Reads the <c>x-strategy-start</c> declaration.</summary>
internal sealed partial class WorkflowReader
{
    internal static StartDeclaration ReadStart(Entry e) => new(
        e.Identifier("helper"),
        e.Required("wait"),
        e.Optional("waitTag"),
        e.Optional("doneOn"),
        e.Pairs("set"),
        e.Pairs("bind"),
        e.Places);
}

/// <summary>Resolves the <c>x-strategy-start</c> declaration against the generated client.</summary>
internal sealed partial class WorkflowsBuilder
{
    internal void AddStart(SpecOperation operation, BoundOperation bound, StartDeclaration start)
    {
        const string Extension = StartKind.Name;
        var places = start.Places;
        if (WaitTarget(Extension, operation, bound, start.Wait, places.At("wait"), start.WaitTag, places.At("waitTag")) is not { } target)
        {
            return;
        }

        var method = bound.Method;
        var ok = true;
        var answer = method.ResultType is null ? StartAnswer.Nothing
            : method.ResultType == target.Method.ResultType ? StartAnswer.Status
            : StartAnswer.Other;
        if (start.DoneOn is { } doneOn && !operation.SuccessStatuses.Contains(doneOn))
        {
            ok = Report(Diagnostics.UnknownField, places.At("doneOn"), Extension, operation.OperationId, "success response", doneOn, operation.OperationId);
        }

        var setArguments = new Dictionary<string, string>();
        foreach (var set in start.Set)
        {
            if (FindParameter(method, set.Name) is { } parameter)
            {
                setArguments[parameter.Name] = Literal(parameter.Type, set.Value);
            }
            else
            {
                ok = Report(Diagnostics.UnknownField, places.At("set." + set.Name), Extension, operation.OperationId, "parameter", set.Name, method.Name);
            }
        }

        var waitArguments = new List<string>();
        foreach (var parameter in WithoutToken(target.Method.Parameters))
        {
            var bind = start.Bind.FirstOrDefault(b => SameName(b.Name, parameter.Name));
            if (bind is not null && answer == StartAnswer.Nothing)
            {
                ok = Report(Diagnostics.UnknownField, places.At("bind." + bind.Name), Extension, operation.OperationId, "a response body to bind", bind.Value, operation.OperationId + " (its answer has none; leave bind out)");
            }
            else if (bind is not null)
            {
                ok &= RequireField(Extension, operation, method, bind.Value, places.At("bind." + bind.Name));
                waitArguments.Add("started." + Naming.Pascal(bind.Value));
            }
            else if (FindParameter(method, parameter.Name) is { } own)
            {
                waitArguments.Add(own.Name);
            }
            else if (parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
            {
                // An optional parameter of the status call that the start does not have keeps the server's default.
                waitArguments.Add("null");
            }
            else
            {
                ok = Report(Diagnostics.UnknownField, places.At("wait"), Extension, operation.OperationId, "parameter", parameter.Name, method.Name + " (bind it to a response field)");
            }
        }

        if (!ok)
        {
            return;
        }

        var waitClient = target.Operation.ClientClassName == bound.Client.Name ? null : target.Operation.ClientClassName;
        var run = target.Wait.Run is not null;
        Add(bound.Client, StartKind.Name, new StartHelper(
            operation.OperationId,
            start.Helper + "Async",
            method.Name,
            Parameters(method, skip: setArguments.Keys),
            WithoutToken(method.Parameters).Select(p => setArguments.TryGetValue(p.Name, out var value) ? value : p.Name).ToEquatableArray(),
            target.Wait.Helper + "Async",
            target.Operation.OperationId,
            waitArguments.ToEquatableArray(),
            target.Method.ResultType!,
            answer,
            start.DoneOn,
            waitClient,
            run && answer == StartAnswer.Nothing ? (target.Wait.NoStatus is { } none ? none.Helper + "Async" : target.Method.Name) : null,
            target.Wait.NoStatus is not null));
    }
}

/// <summary>Emits the <c>x-strategy-start</c> helper.</summary>
internal static partial class WorkflowsEmitter
{
    internal static void EmitStart(SourceWriter writer, List<InterfaceMember> members, string ns, StartHelper start)
    {
        var docs = new SourceWriter();
        var mayBeDone = start.DoneOn is not null;
        var result = start.ResultType + (mayBeDone ? "?" : string.Empty);
        var waitOn = start.WaitClient is null ? string.Empty : "new global::" + ns + "." + start.WaitClient + "(_httpClient) { ProjectId = ProjectId }.";
        var waitCref = start.WaitClient is null ? start.WaitName : start.WaitClient + "." + start.WaitName;
        docs.Doc(
            "Calls <c>" + start.OperationId + "</c> to start the work, then waits for it with <see cref=\"" + waitCref + "\"/> (polling <c>" + start.WaitOperationId + "</c>)."
            + (start.BeforeMethod is not null
                ? "\nThe last status is read first (<c>" + start.BeforeMethod + "</c>), so the run that ended before this start is not taken for the one it started."
                : string.Empty)
            + (mayBeDone ? "\nA " + start.DoneOn + " answer without a body says the server did the work before answering: there is nothing to wait for." : string.Empty));
        ParameterDocs(docs, start.Parameters, "Passed to <c>" + start.StartMethod + "</c>.");
        WaitDocs(docs, mayBeDone
            ? "The final status, or <see langword=\"null\"/> when the server did the work before answering and there is nothing to wait for."
            : "The final status.");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyOperationFailedException\">The server reported that the work failed.</exception>");
        docs.Line("/// <exception cref=\"" + Runtime + "StrategyWaitTimeoutException\">The work was still running when the wait's time limit ran out.</exception>");
        ApiExceptionDoc(docs);
        Member(writer, members, docs, "public virtual ", Tasks + "Task<" + result + "> " + start.Name + "(" + Signature(start.Parameters, OptionsParameter, Progress(start.ResultType), TokenParameter) + ")");
        Validate(writer, start.Parameters);
        // The trailing arguments are named: a wait that tells runs apart takes previousRun before them.
        const string Trailing = "options: waitOptions, progress: progress, cancellationToken: cancellationToken";
        if (start.Answer == StartAnswer.Nothing)
        {
            var before = start.BeforeMethod is null
                ? "null"
                : (start.BeforeAnswersNull ? "ct => " : "async ct => await ") + waitOn + start.BeforeMethod + "(" + Arguments(start.WaitArguments, "ct") + ")" + (start.BeforeAnswersNull ? string.Empty : ".ConfigureAwait(false)");
            writer.Line("return " + Runtime + "StrategyStart.RunAsync<" + start.ResultType + ">(");
            writer.Line("    " + Workflow(start.Name, start.Parameters) + ",");
            writer.Line("    options,");
            writer.Line("    " + before + ",");
            writer.Line("    ct => " + start.StartMethod + "(" + Arguments(start.StartArguments, "ct") + "),");
            writer.Line("    (previousRun, waitOptions) => " + waitOn + start.WaitName + "(" + Arguments(start.WaitArguments, start.BeforeMethod is null ? Trailing : "previousRun: previousRun, " + Trailing) + "),");
            writer.Line("    cancellationToken);");
            writer.Close();
            writer.Line();
            return;
        }

        var wait = start.Answer == StartAnswer.Status && start.WaitClient is null
            // The answer that started the work already says it is running: wait from it, with a delay first.
            ? FromStatusName(start.WaitName) + "(started, " + Arguments(start.WaitArguments, "null", "waitOptions", "progress", "cancellationToken") + ")"
            : waitOn + start.WaitName + "(" + Arguments(start.WaitArguments, Trailing) + ")";
        writer.Line("return " + Runtime + "StrategyStart." + (mayBeDone ? "RunOrDoneAsync" : "RunAsync") + "(");
        writer.Line("    " + Workflow(start.Name, start.Parameters) + ",");
        writer.Line("    options,");
        writer.Line("    " + Quote(start.OperationId) + ",");
        writer.Line("    ct => " + start.StartMethod + "(" + Arguments(start.StartArguments, "ct") + "),");
        writer.Line("    (started, waitOptions) => " + wait + ",");
        writer.Line("    cancellationToken);");
        writer.Close();
        writer.Line();
    }
}

/// <summary>The <c>x-strategy-start</c> kind: its reading, resolving and emitting are the partial slices in this file.</summary>
internal sealed class StartKind : DeclarationKind<StartDeclaration, StartHelper>
{
    public const string Name = "x-strategy-start";

    public override string Extension => Name;

    public override int Order => 2;

    protected override StartDeclaration? ReadDeclaration(WorkflowReader reader, WorkflowReader.Entry entry) => WorkflowReader.ReadStart(entry);

    protected override void Resolve(WorkflowsBuilder builder, BoundOperation bound, StartDeclaration declaration) => builder.AddStart(bound.Operation, bound, declaration);

    protected override void Emit(HelperEmission emission, StartHelper helper) => WorkflowsEmitter.EmitStart(emission.Writer, emission.Members, emission.Client.Namespace, helper);
}

/// <summary>Registers the <c>x-strategy-start</c> kind.</summary>
internal static partial class DeclarationKinds
{
    private static readonly DeclarationKind StartRegistered = Register(new StartKind());
}
