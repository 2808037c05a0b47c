namespace Strategy.Generated;

/// <summary>
/// One operation of the spec the package was generated from, as <see cref="StrategyOperations.All"/>
/// lists them: its id, HTTP method and path, and the client method that calls it.
/// </summary>
public sealed class StrategyOperation
{
    /// <summary>Creates an entry of the catalog (the generated <see cref="StrategyOperations"/> does).</summary>
    /// <param name="operationId">The spec's <c>operationId</c>.</param>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="pathTemplate">The path with its <c>{parameters}</c>, as in the spec.</param>
    /// <param name="clientType">The generated client class.</param>
    /// <param name="methodName">The client method that calls it.</param>
    /// <param name="since">The first server version that has it (<c>x-strategy-since</c>), or <see langword="null"/>.</param>
    /// <param name="hasRequestBody">Whether it takes a request body.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="projectHeader">How it uses the project header.</param>
    /// <param name="projectHeaderParameter">For <see cref="StrategyProjectHeaderUse.ForValues"/>: the query parameter that decides.</param>
    /// <param name="projectHeaderValues">For <see cref="StrategyProjectHeaderUse.ForValues"/>: the values that need the header.</param>
    public StrategyOperation(
        string operationId,
        string method,
        string pathTemplate,
        Type clientType,
        string methodName,
        string? since,
        bool hasRequestBody,
        IReadOnlyList<StrategyOperationParameter> parameters,
        StrategyProjectHeaderUse projectHeader,
        string? projectHeaderParameter = null,
        IReadOnlyList<string>? projectHeaderValues = null)
    {
        ProjectHeader = projectHeader;
        ProjectHeaderParameter = projectHeaderParameter;
        ProjectHeaderValues = projectHeaderValues ?? [];
        HasRequestBody = hasRequestBody;
        OperationId = operationId;
        Method = method;
        PathTemplate = pathTemplate;
        ClientType = clientType;
        MethodName = methodName;
        Since = since;
        Parameters = parameters;
    }

    /// <summary>The spec's <c>operationId</c>, such as <c>GetEvent</c>.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The path with its <c>{parameters}</c>, such as <c>/api/events/{eventId}</c>.</summary>
    public string PathTemplate { get; }

    /// <summary>The generated client class, such as <see cref="EventsClient"/>.</summary>
    public Type ClientType { get; }

    /// <summary>The client method that calls it, such as <c>GetEventAsync</c>.</summary>
    public string MethodName { get; }

    /// <summary>The first server version that has the operation (<c>x-strategy-since</c>), or <see langword="null"/> when every supported server has it.</summary>
    public string? Since { get; }

    /// <summary>Whether it takes a request body.</summary>
    public bool HasRequestBody { get; }

    /// <summary>Its parameters, in the spec's order.</summary>
    public IReadOnlyList<StrategyOperationParameter> Parameters { get; }

    /// <summary>How it uses the project header (<c>X-MSTR-ProjectID</c>).</summary>
    public StrategyProjectHeaderUse ProjectHeader { get; }

    /// <summary>For <see cref="StrategyProjectHeaderUse.ForValues"/>: the query parameter whose value decides; otherwise <see langword="null"/>.</summary>
    public string? ProjectHeaderParameter { get; }

    /// <summary>The operation's summary in the spec: one sentence, the help of its command and cmdlet.</summary>
    public string? Summary { get; init; }

    /// <summary>Whether the operation's request body is required (with <see cref="HasRequestBody"/>).</summary>
    public bool BodyRequired { get; init; }

    /// <summary>
    /// The <c>strategy</c> command that calls the operation, as <c>group verb</c> (<c>jobs list</c>): the spec's
    /// <c>x-strategy-command</c>, else derived from the operation's tag and id (docs/cli.md says how).
    /// </summary>
    public string? Command { get; init; }

    /// <summary>Whether <see cref="Command"/> is written by hand (a workflow: a wait, a batch, an export) rather than made from this entry.</summary>
    public bool CommandIsHandWritten { get; init; }

    /// <summary>The PowerShell cmdlet that calls the operation (<c>Get-StrategyJob</c>): the spec's <c>x-strategy-cmdlet</c>, else derived.</summary>
    public string? Cmdlet { get; init; }

    /// <summary>Whether <see cref="Cmdlet"/> is written by hand rather than made from this entry.</summary>
    public bool CmdletIsHandWritten { get; init; }

    /// <summary>How the operation lists items a page at a time, when the spec declares it (<c>x-strategy-pages</c>); <see langword="null"/> otherwise.</summary>
    public StrategyOperationPages? Pages { get; init; }

    /// <summary>
    /// The fields of the items of the operation's list that a table shows, in order, as the spec marks
    /// them (<c>x-strategy-columns</c>); <see langword="null"/> when it marks none.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// The error statuses whose answer still carries the operation's result, every item's outcome (a
    /// bulk disconnect's 403): <see cref="StrategyOperationRequest.SendAsync"/> answers them, with that
    /// status, instead of throwing, so no item's outcome is lost.
    /// </summary>
    public IReadOnlyList<int> ErrorStatusesWithResult { get; init; } = [];

    /// <summary>The request body's top-level properties that are one value or a list of values, which a command offers as options.</summary>
    public IReadOnlyList<StrategyOperationBodyField> BodyFields { get; init; } = [];

    /// <summary>For <see cref="StrategyProjectHeaderUse.ForValues"/>: the values of <see cref="ProjectHeaderParameter"/> that need the header; otherwise empty.</summary>
    public IReadOnlyList<string> ProjectHeaderValues { get; }

    /// <inheritdoc />
    public override string ToString() => $"{OperationId}: {Method} {PathTemplate}";
}
