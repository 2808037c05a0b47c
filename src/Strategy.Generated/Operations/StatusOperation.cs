namespace Strategy.Generated;

/// <summary>
/// Work followed by its status call, as the spec's <c>x-strategy-wait</c> declares it: the one
/// place its three rules are applied, for a wait and for a single check alike. A status of the run
/// before the start is not the answer; "no status yet" is running; a status that has gone is never
/// "done" by itself, and a durable source confirms how the work ended.
/// </summary>
/// <typeparam name="TStatus">The status.</typeparam>
internal sealed class StatusOperation<TStatus> : IOperationUpdate<TStatus>
    where TStatus : class
{
    private readonly Func<CancellationToken, Task<TStatus>> _poll;
    private readonly StrategyWaitRules<TStatus> _rules;
    private readonly Func<TStatus?, StrategyApiException, StrategyWaitOptions, CancellationToken, Task<TStatus>>? _confirmVanished;
    private string? _previousRunId;
    private TStatus? _lastSeen;

    /// <param name="description">What is waited on, for messages.</param>
    /// <param name="poll">Reads the status once.</param>
    /// <param name="rules">What the spec declares of this wait.</param>
    /// <param name="previousRunId">What identifies the run before the start, if the wait tells runs apart.</param>
    /// <param name="confirmVanished">Confirms the outcome of a status that has gone, if it can go: given the last status read, the answer that said it had gone, and the wait's options.</param>
    public StatusOperation(
        string description,
        Func<CancellationToken, Task<TStatus>> poll,
        StrategyWaitRules<TStatus> rules,
        string? previousRunId,
        Func<TStatus?, StrategyApiException, StrategyWaitOptions, CancellationToken, Task<TStatus>>? confirmVanished)
    {
        Description = description;
        _poll = poll;
        _rules = rules;
        _previousRunId = rules.RunOf is null ? null : previousRunId;
        _confirmVanished = confirmVanished;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>What identifies the run of <paramref name="status"/>, when the wait tells runs apart.</summary>
    public string? RunOf(TStatus? status) => status is not null && _rules.RunOf is { } runOf ? runOf(status) : null;

    /// <summary>
    /// A status already in hand (the start's answer, or one read earlier) as a state; <see langword="null"/>
    /// when there is none, or when it is still the previous run's (not a start to report).
    /// </summary>
    public OperationState<TStatus>? StateOf(TStatus? status)
    {
        if (status is null || (_previousRunId is not null && RunOf(status) == _previousRunId))
        {
            return null;
        }

        _lastSeen = status;
        return new OperationState<TStatus>(status, _rules.Classify(status));
    }

    /// <inheritdoc />
    public async Task<OperationState<TStatus>> UpdateAsync(OperationCall call)
    {
        TStatus status;
        try
        {
            status = await _poll(call.CallToken).ConfigureAwait(false);
        }
        catch (StrategyApiException ex) when (_confirmVanished is not null && _rules.Vanished?.Invoke(ex) == true)
        {
            // The status is gone (a job that left the monitor): a durable source says how it ended, under the wait's own limit.
            var confirmed = await _confirmVanished(_lastSeen, ex, call.Options, call.WaitToken).ConfigureAwait(false);
            var outcome = _rules.Classify(confirmed);
            return new OperationState<TStatus>(confirmed, outcome with { DeclaredWords = outcome.Words + " (left the monitor; confirmed)" }, OperationStep.Confirmed);
        }
        catch (StrategyApiException ex) when (_rules.NoStatusYet?.Invoke(ex) == true)
        {
            // The work has only just been started: pending, not a failure.
            return new OperationState<TStatus>(null, PollOutcome.Running(string.Empty, null, "no status yet"), OperationStep.NoStatusYet);
        }

        var read = _rules.Classify(status);
        if (_previousRunId is not null && RunOf(status) == _previousRunId)
        {
            // Still the run from before the start (finished, or still going): the new one has not shown yet.
            return new OperationState<TStatus>(status, PollOutcome.Running(read.Value, read.Name, "the previous run's: " + read.Words), OperationStep.PreviousRun);
        }

        _previousRunId = null;
        _lastSeen = status;

        // A running answer that says when to ask again (202 with Retry-After) is heeded.
        return new OperationState<TStatus>(status, read, OperationStep.Read, _rules.DelayOf?.Invoke(status));
    }

    /// <inheritdoc />
    public Exception FailureOf(OperationState<TStatus> state) =>
        new StrategyOperationFailedException(Description, _rules.StatusField, state.Outcome.Value, state.Outcome.Name, state.Outcome.Failures, state.Status);
}
