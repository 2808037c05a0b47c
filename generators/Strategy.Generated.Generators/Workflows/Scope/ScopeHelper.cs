using System.Linq;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Scope;

/// <summary>Opens a resource, runs the operation and waits for it, and closes the resource whatever happens.</summary>
/// <param name="Name">The helper's name, such as <c>PublishAndWait</c>.</param>
/// <param name="OpenHeaderProperty">The property of the opening answer that holds the header's value.</param>
/// <param name="ResourceVariable">The parameter that takes the resource's id, as a variable of the helper's code.</param>
/// <param name="WaitHelper">The wait helper's name, such as <c>AwaitPublish</c>.</param>
/// <param name="ResourceName">What the resource is called in messages (<c>instance</c>).</param>
/// <param name="BodyMinimums">Lists of the request body with a minimum size, checked before anything is sent.</param>
internal sealed record ScopeHelper(
    string OperationId,
    string Name,
    EquatableArray<HelperParameter> Parameters,
    string OpenOperationId,
    string OpenMethod,
    EquatableArray<Argument> OpenArguments,
    string OpenHeader,
    string OpenHeaderProperty,
    string ResourceVariable,
    string ScopedMethod,
    EquatableArray<Argument> ScopedArguments,
    string CloseOperationId,
    string CloseMethod,
    EquatableArray<Argument> CloseArguments,
    string WaitHelper,
    string WaitOperationId,
    EquatableArray<Argument> WaitArguments,
    string ResultType,
    string ResourceName,
    ScopeHelper.ReopenCheck? Reopen,
    EquatableArray<ScopeHelper.MinimumItems> BodyMinimums) : Helper
{
    /// <summary>What identifies the work in its resume token (the wait's arguments by name, the resource among them); <see langword="null"/> when no operation can be made.</summary>
    public EquatableArray<Start.NamedArgument>? TokenArguments { get; init; }

    /// <inheritdoc />
    public override void Emit(EmitContext context) => ScopeEmitter.Emit(this, context);

    /// <inheritdoc />
    public override ResumeEntry? Resume => TokenArguments is not { } arguments ? null : new ResumeEntry(OperationId, null, Runtime.WorkOf(Name), arguments.Select(a => a.Name).ToEquatableArray());

    /// <summary>A list in the request body that must hold at least <see cref="Count"/> items (<c>minItems</c>), checked before anything is sent.</summary>
    internal sealed record MinimumItems(string Parameter, string JsonName, string Property, int Count);

    /// <summary>When a scope's resource counts as expired, and which request items make starting again unsafe.</summary>
    internal sealed record ReopenCheck(string ErrorCode, RepeatableCheck? Repeatable);

    /// <summary>Items of a request parameter whose field must hold one of <see cref="Values"/> for the work to be repeatable.</summary>
    internal sealed record RepeatableCheck(string Parameter, string ItemsProperty, string FieldJson, string FieldProperty, EquatableArray<string> Values, string? SubjectProperty);
}
