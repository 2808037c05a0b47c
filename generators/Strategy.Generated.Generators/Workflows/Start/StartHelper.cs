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
/// <param name="BeforeAnswersNull">Whether that call answers <see langword="null"/> for "no status yet" (the wait's <c>noStatus</c> helper).</param>
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
    bool BeforeAnswersNull) : Helper
{
    /// <inheritdoc />
    public override void Emit(EmitContext context) => StartEmitter.Emit(this, context);
}
