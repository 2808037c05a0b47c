using System.Linq;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Start;

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
/// <param name="Name">The helper's name, such as <c>ReloadSchemaAndWait</c>.</param>
/// <param name="StartArguments">The start call's arguments, by where each comes from.</param>
/// <param name="WaitHelper">The wait helper's name, such as <c>AwaitTask</c>.</param>
/// <param name="WaitArguments">The wait's arguments (its status call's), by where each comes from.</param>
/// <param name="WaitClient">The wait's client class when it is not the start's (created on the same HttpClient and project).</param>
/// <param name="Before">For a wait that tells runs apart: the call that reads the last run before the start (a helper's name, or the status call), so the wait skips it.</param>
/// <param name="StartName">The start form (<c>StartReloadSchema</c>) that answers the work as an operation: the helper is that operation, started and waited for.</param>
internal sealed record StartHelper(
    string OperationId,
    string Name,
    string StartMethod,
    EquatableArray<HelperParameter> Parameters,
    EquatableArray<Argument> StartArguments,
    string WaitHelper,
    string WaitOperationId,
    EquatableArray<Argument> WaitArguments,
    string ResultType,
    StartAnswer Answer,
    string? DoneOn,
    string? WaitClient,
    string? Before,
    string StartName) : Helper
{
    /// <summary>How the work is stopped on the server when the wait ends early, if it can be.</summary>
    public CancelCall? Cancel { get; init; }

    /// <summary>What identifies the work in its resume token: the wait's text arguments, by the wait's parameter names.</summary>
    public EquatableArray<NamedArgument> TokenArguments { get; init; } = EquatableArray<NamedArgument>.Empty;

    /// <summary>The wait's field that tells runs apart, as JSON and as the model's property, when it declares one.</summary>
    public (string Json, string Property)? RunField { get; init; }

    /// <summary>Whether the spec says the work cannot be stopped (<c>cancel: never</c>).</summary>
    public bool CannotStop { get; init; }

    /// <summary>What must be true of the object before the work is started (<c>requires</c>), if anything.</summary>
    public Requirement? Requirement { get; init; }

    /// <inheritdoc />
    public override void Emit(EmitContext context) => StartEmitter.Emit(this, context);

    /// <inheritdoc />
    public override ResumeEntry? Resume => new ResumeEntry(OperationId, WaitClient, Runtime.WorkOf(WaitHelper), TokenArguments.Select(a => a.Name).ToEquatableArray());
}

/// <summary>The call that stops started work on the server.</summary>
/// <param name="OperationId">The cancel operation.</param>
/// <param name="Client">Its client class, when it is not the start's.</param>
/// <param name="Method">Its method.</param>
/// <param name="Arguments">Its arguments, taken as the wait's are.</param>
/// <param name="Label">What is stopped, for messages (<c>job</c>).</param>
internal sealed record CancelCall(string OperationId, string? Client, string Method, EquatableArray<Argument> Arguments, string Label);

/// <summary>The read before a start whose work can be waited for only for some values of a field (<c>requires</c>).</summary>
/// <param name="Method">The client method that reads the object.</param>
/// <param name="Arguments">Its arguments: the start's own, by name.</param>
/// <param name="Path">The field's JSON names, outermost first.</param>
/// <param name="Values">The values that allow the wait.</param>
/// <param name="Describe">What the field is, for messages (<c>delivery mode</c>).</param>
/// <param name="Subject">What the object is called and the argument that names it (<c>subscription</c>, <c>subscriptionId</c>).</param>
internal sealed record Requirement(string Method, EquatableArray<Argument> Arguments, EquatableArray<string> Path, EquatableArray<string> Values, string Describe, NamedArgument? Subject);

/// <summary>An argument of a call, with the parameter name it is passed as.</summary>
internal sealed record NamedArgument(string Name, Argument Argument);
