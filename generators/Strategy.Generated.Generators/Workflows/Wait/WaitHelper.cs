using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.Wait;

/// <summary>Polls a status operation until the declared values say the work succeeded, failed or was skipped.</summary>
/// <param name="Name">The helper's name, such as <c>AwaitTask</c> (its method is <c>AwaitTaskAsync</c>).</param>
/// <param name="ValueNames">The names <c>x-enumNames</c> gives the status values.</param>
/// <param name="Words">The spec's words for status values: each pair's name is the words, its value the status value.</param>
/// <param name="DeclaresOutcome">Whether the status model gets an <c>Outcome</c> (one wait reads it, and it has no property of that name).</param>
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
    WaitHelper.FailedItemsCheck? FailedItems,
    WaitHelper.FinishedCheck? Finished,
    WaitHelper.RunField? Run,
    WaitHelper.NoStatusAnswer? NoStatus,
    EquatableArray<WaitHelper.DetailsSource> Details,
    EquatableArray<NamedValue> Words,
    bool DeclaresOutcome) : Helper
{
    /// <inheritdoc />
    public override void Emit(EmitContext context) => WaitEmitter.Emit(this, context);

    /// <inheritdoc />
    public override void EmitAfter(EmitContext context)
    {
        // A status model read by one wait says what it means (its Outcome), as that wait reads it.
        if (DeclaresOutcome)
        {
            context.Writer.Line();
            WaitEmitter.EmitOutcome(this, context);
        }
    }

    /// <summary>Items of a status answer whose own status fails the work.</summary>
    internal sealed record FailedItemsCheck(string ItemsProperty, string StatusJson, string StatusProperty, EquatableArray<string> Values, string? SubjectProperty, string? CodeProperty, string? MessageProperty);

    /// <summary>The field that says the work is over, its values (as the runtime reads them), and the names the spec gives its values (the words while the work is not over).</summary>
    internal sealed record FinishedCheck(string Json, string Property, EquatableArray<string> Values, EquatableArray<NamedValue> ValueNames);

    /// <summary>The field that tells runs apart.</summary>
    internal sealed record RunField(string Json, string Property);

    /// <summary>The answer that means "no status yet", and the helper that answers <see langword="null"/> for it (its name without <c>Async</c>).</summary>
    internal sealed record NoStatusAnswer(string Helper, int Status, string Code, string Message);

    /// <summary>Items whose error objects become failures.</summary>
    internal sealed record DetailsSource(string ItemsProperty, string ErrorProperty, string? SubjectProperty);
}
