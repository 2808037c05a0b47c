using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.Wait;

/// <summary><c>x-strategy-wait</c>: this operation reports the status of long-running work.</summary>
/// <param name="Helper">The helper's name, such as <c>AwaitTask</c>.</param>
/// <param name="Describe">What is waited on, for messages (<c>publish</c>).</param>
/// <param name="Status">The field that says how the work went, or <see langword="null"/> for a status in a header.</param>
/// <param name="Header">The response header that holds the status, as a set of flags (<c>X-MSTR-CubeStatus</c>), instead of a field.</param>
/// <param name="Message">A text field that says why the work failed (<c>errorMessage</c>).</param>
/// <param name="Vanishes">How a status that can vanish (a job that left the monitor) is confirmed instead.</param>
/// <param name="FailedBelow">A number below which the status means failed.</param>
/// <param name="Errors">A list of <c>{code, message}</c> that says why the work failed.</param>
/// <param name="FailedItems">Items of the status that fail the work on their own.</param>
/// <param name="Finished">When the work is over (a field and its values), for a status whose outcome field means nothing before then.</param>
/// <param name="Run">The field that tells one run of the work from the next (its start time), so a wait can skip the run before the one it started.</param>
/// <param name="NoStatus">The error answer that means "no status yet": pending while waiting, <see langword="null"/> from a helper of its own.</param>
/// <param name="Details">Items of the status whose error objects say why the work failed.</param>
/// <param name="Words">What status values mean in words, for messages and progress (<c>'1': queued or running</c>): each pair's name is the value, its value the words.</param>
internal sealed record WaitDeclaration(
    string Helper,
    string Describe,
    string? Status,
    string? Header,
    string? Message,
    WaitDeclaration.VanishesRule? Vanishes,
    EquatableArray<string> Running,
    EquatableArray<string> Succeeded,
    EquatableArray<string> Failed,
    EquatableArray<string> Skipped,
    string? FailedBelow,
    string? Errors,
    WaitDeclaration.FailedItemsRule? FailedItems,
    WaitDeclaration.FinishedRule? Finished,
    string? Run,
    WaitDeclaration.NoStatusRule? NoStatus,
    EquatableArray<WaitDeclaration.DetailsRule> Details,
    EquatableArray<NamedValue> Words,
    SpecPlaces Places) : Declaration(Places)
{
    /// <summary>
    /// For a status read in every item of a list (<c>each: nodes.projects</c>: every project of every
    /// node): the dotted path of list fields, each one a list in the items of the one before.
    /// </summary>
    public string? Each { get; init; }

    /// <summary>For a status that is the answer's HTTP status (202 while running, 200 when done): its codes and the header that says when to ask again.</summary>
    public HttpStatusRule? HttpStatus { get; init; }

    /// <inheritdoc />
    public override string Extension => WaitKind.Name;

    /// <inheritdoc />
    public override void Resolve(ResolveContext context) => WaitResolver.Resolve(this, context);

    /// <summary>Items of the status answer that fail the work on their own (a table that failed to load).</summary>
    internal sealed record FailedItemsRule(string Items, string Status, EquatableArray<string> Values, string? Subject, string? Code, string? Message, SpecPlaces Places);

    /// <summary><c>finished</c>: the field that says the work is over, and its values that say so.</summary>
    internal sealed record FinishedRule(string Field, EquatableArray<string> Values, SpecPlaces Places);

    /// <summary>
    /// <c>noStatus</c>: the error answer (status, code, words of the message) that means the work has no
    /// status yet, and <c>unavailable</c>: the words of the same answer that mean the server reports no
    /// status at all (the status call is switched off), which its helper raises as a typed error.
    /// </summary>
    internal sealed record NoStatusRule(string Helper, string Status, string Code, string Message, string? Unavailable, SpecPlaces Places);

    /// <summary>
    /// <c>vanishes</c>: the error answers that mean the status is gone for good (<c>on</c>), the
    /// field of the status that names what the work changed (<c>subject</c>), the header wait on that
    /// object whose flags confirm the outcome (<c>confirm</c>), and the method of that wait's client
    /// that reads the object's last update (<c>record</c>).
    /// </summary>
    internal sealed record VanishesRule(EquatableArray<string> On, string Subject, string Confirm, string Record, string? Id, SpecPlaces Places);

    /// <summary><c>httpStatus</c>: the answer's HTTP status codes that mean running, succeeded and failed, and the header of a running answer that says how many seconds to wait (<c>Retry-After</c>).</summary>
    internal sealed record HttpStatusRule(EquatableArray<string> Running, EquatableArray<string> Succeeded, EquatableArray<string> Failed, string? RetryAfter, SpecPlaces Places);

    /// <summary><c>details</c>: a list of the status whose items carry an error object (<c>code</c>, <c>message</c>).</summary>
    internal sealed record DetailsRule(string Items, string Error, string? Subject, SpecPlaces Places);
}
