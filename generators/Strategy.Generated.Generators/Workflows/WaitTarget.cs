using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// A resolved wait, as the kinds that wait with it (starts, scopes) see it: which operation it
/// polls, its helper, what it answers and how it tells runs apart. The wait kind provides it when
/// it resolves (<see cref="ResolveContext.ProvideWait"/>); the others ask for it by operation.
/// </summary>
/// <param name="OperationId">The status operation.</param>
/// <param name="Tag">The status operation's tag.</param>
/// <param name="ClientClassName">The client the wait is generated on.</param>
/// <param name="StatusMethod">The status call.</param>
/// <param name="Helper">The wait helper's name, such as <c>AwaitTask</c>.</param>
/// <param name="ResultType">The status the wait answers.</param>
/// <param name="Parameters">The status call's parameters, without the token.</param>
/// <param name="TellsRuns">Whether the wait tells one run from the next (<c>run</c>): a start reads the last run first.</param>
/// <param name="NoStatusHelper">The helper that answers <see langword="null"/> for "no status yet", when the wait declares one.</param>
internal sealed record WaitTarget(
    string OperationId,
    string Tag,
    string ClientClassName,
    string StatusMethod,
    string Helper,
    string ResultType,
    EquatableArray<ClientParameter> Parameters,
    bool TellsRuns,
    string? NoStatusHelper)
{
    /// <summary>Whether the wait's operation can be made from a resume token (<c>WorkOf…</c>).</summary>
    public bool Resumable => NotResumableBecause is null;

    /// <summary>Why the wait's operation cannot be made from a resume token; <see langword="null"/> when it can.</summary>
    public string? NotResumableBecause { get; init; }

    /// <summary>The field that tells runs apart, as JSON and as the model's property, when the wait declares one.</summary>
    public (string Json, string Property)? RunField { get; init; }
}
