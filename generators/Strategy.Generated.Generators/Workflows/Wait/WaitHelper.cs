using System.Linq;
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
    /// <summary>A wait whose status is not a body's field (a header's flags, the HTTP status): its values, and none of the rules that read a body.</summary>
    public static WaitHelper OfValues(string operationId, string name, string statusMethod, EquatableArray<HelperParameter> parameters, string resultType, string describe, string statusJson, EquatableArray<string> running, EquatableArray<string> succeeded, EquatableArray<string> failed, EquatableArray<NamedValue> valueNames) => new(
        operationId, name, statusMethod, parameters, resultType, describe, statusJson, string.Empty, running, succeeded, failed, EquatableArray<string>.Empty, valueNames,
        null, null, null, null, null, null, null, EquatableArray<DetailsSource>.Empty, EquatableArray<NamedValue>.Empty, DeclaresOutcome: false);

    /// <summary>For a status in a header: the header and how its flags read.</summary>
    public HeaderFlags? Header { get; init; }

    /// <summary>For a status that is the answer's HTTP status: the wrapped answer and how its codes read.</summary>
    public HttpCodes? HttpStatus { get; init; }

    /// <summary>For a status read in every item of a list: the model's list properties along the path, outermost first (<c>Nodes</c>, <c>Projects</c>).</summary>
    public EquatableArray<string> Each { get; init; } = EquatableArray<string>.Empty;

    /// <summary>A text field of the status that says why the work failed.</summary>
    public string? MessageProperty { get; init; }

    /// <summary>For a status that can vanish: how the outcome is confirmed instead.</summary>
    public VanishCheck? Vanishes { get; init; }

    /// <summary>The parameters of the status call that name the work (the required ones), for messages.</summary>
    public EquatableArray<HelperParameter> Identifying => Parameters.Where(p => !p.Type.EndsWith("?", System.StringComparison.Ordinal)).ToEquatableArray();

    /// <summary>Whether its operation can be made from a resume token: it reads a status body, and every parameter is text.</summary>
    public bool Resumable => NotResumableBecause is null;

    /// <summary>Why its operation cannot be made from a resume token, for the diagnostic; <see langword="null"/> when it can.</summary>
    public string? NotResumableBecause =>
        HttpStatus is not null ? "it reads an HTTP status, which a resume token cannot carry"
        : HelperParameters.FirstOrDefault(p => p.Type is not ("string" or "string?")) is { } other ? "its parameter '" + other.Name + "' is " + other.Type + ", and a resume token carries text only"
        : null;

    /// <summary>The helper's own parameters: the status call's, then the subject of a status that can vanish.</summary>
    public EquatableArray<HelperParameter> HelperParameters =>
        Vanishes is { } gone ? Parameters.Concat(new[] { new HelperParameter(gone.SubjectParameter, "string?") }).ToEquatableArray() : Parameters;


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
    internal sealed record NoStatusAnswer(string Helper, int Status, string Code, string Message, string? Unavailable);

    /// <summary>A status read from a header as flags.</summary>
    /// <param name="HeaderName">The header.</param>
    /// <param name="FlagsType">The flags enum, fully qualified.</param>
    /// <param name="ReadMethod">The generated method that reads the flags (its name without <c>Async</c>).</param>
    /// <param name="RunningMask">The bits that mean still working.</param>
    /// <param name="SucceededMask">The bits that must all be set for a success.</param>
    /// <param name="FailedMask">The bits that mean failed.</param>
    internal sealed record HeaderFlags(string HeaderName, string FlagsType, string ReadMethod, long RunningMask, long SucceededMask, long FailedMask);

    /// <summary>A status read from the answer's HTTP status code.</summary>
    /// <param name="RetryAfterHeader">The header of a running answer that says how many seconds to wait, as the spec names it.</param>
    /// <param name="RetryAfterProperty">Its property on the wrapped answer.</param>
    internal sealed record HttpCodes(string? RetryAfterHeader, string? RetryAfterProperty);

    /// <summary>How a vanished status is confirmed.</summary>
    /// <param name="On">The HTTP statuses that mean it has gone.</param>
    /// <param name="SubjectProperty">The status property that names what the work changed.</param>
    /// <param name="SubjectParameter">The helper's parameter that names it up front (the confirming wait's).</param>
    /// <param name="SubjectLabel">What it is, for messages (<c>cube</c>).</param>
    /// <param name="ConfirmClient">The confirming wait's client class, when it is another client.</param>
    /// <param name="ConfirmHelper">The confirming wait's helper (<c>AwaitCube</c>).</param>
    /// <param name="FlagsType">Its flags enum.</param>
    /// <param name="RecordMethod">The confirming client's method that reads the last update (with <c>Async</c>).</param>
    /// <param name="SucceededValue">The status value a confirmed success reads as.</param>
    /// <param name="FailedValue">The status value a confirmed failure reads as.</param>
    internal sealed record VanishCheck(
        EquatableArray<string> On,
        string SubjectProperty,
        string SubjectParameter,
        string SubjectLabel,
        string? ConfirmClient,
        string ConfirmHelper,
        string FlagsType,
        string RecordMethod,
        string SucceededValue,
        string FailedValue,
        string? IdProperty);

    /// <summary>Items whose error objects become failures.</summary>
    internal sealed record DetailsSource(string ItemsProperty, string ErrorProperty, string? SubjectProperty);
}
