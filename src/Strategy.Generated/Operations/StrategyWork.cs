namespace Strategy.Generated;

/// <summary>
/// Work started on the server that goes on after the call that started it: a schema reload task, a
/// data model publish, a subscription run, a cube publish, a cube cache change. It can be checked
/// (<see cref="UpdateStatusAsync"/>), waited for, and resumed in another process from
/// <see cref="GetResumeToken"/> (<see cref="StrategyConnection.ResumeAsync"/>).
/// </summary>
public abstract class StrategyWork
{
    private protected StrategyWork(StrategyResumeToken token, string description)
    {
        ResumeToken = token;

        // It names ids the server answered (a job's composite id): cleaned before it reaches a message.
        Description = ServerText.Clean(description, 300);
    }

    /// <summary>The id of the work (a job, a task, a publish instance, a subscription).</summary>
    public string Id => ResumeToken.Id;

    /// <summary>The kind of work: the operation that started it, one of <see cref="StrategyWorkKinds"/> (such as <c>PublishCube</c>).</summary>
    public string Kind => ResumeToken.Kind;

    /// <summary>The ids the work was started with and is followed by, named as the spec names the parameters (<c>cubeId</c>, <c>jobId</c>).</summary>
    public IReadOnlyDictionary<string, string?> Arguments => ResumeToken.Arguments;

    /// <summary>What runs, for messages: <c>job 478:RU5W…</c>.</summary>
    public string Description { get; }

    /// <summary>Whether the work has ended (succeeded, skipped or failed), as last read.</summary>
    public bool HasCompleted { get; private protected set; }

    /// <summary>How the work stands, as last read: running until it has ended.</summary>
    public StrategyOutcome Outcome { get; private protected set; } = StrategyOutcome.Running;

    /// <summary>Why the work failed, once it has ended in failure; <see langword="null"/> otherwise.</summary>
    public Exception? Failure { get; private protected set; }

    /// <summary>The last status read, if any.</summary>
    public abstract object? LastStatusValue { get; }

    /// <summary>What a later process needs to resume it.</summary>
    private protected StrategyResumeToken ResumeToken { get; }

    /// <summary>The resume token, as a property for PowerShell and serializers (<see cref="GetResumeToken"/>).</summary>
    public string Token => GetResumeToken();

    /// <summary>A short text from which any process resumes this work (<see cref="StrategyConnection.ResumeAsync"/>); it holds no secret.</summary>
    /// <returns>The token.</returns>
    public string GetResumeToken() => ResumeToken.ToString();

    /// <summary>Reads the status once and updates <see cref="HasCompleted"/>, <see cref="Outcome"/> and <see cref="Failure"/>; work that failed does not throw here.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the status is read.</returns>
    /// <exception cref="StrategyApiException">The status call failed.</exception>
    public abstract Task UpdateStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits until the work ends, as its helper does, and answers its final status; a failure throws.</summary>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives each status observed, as values (the status, its words, the check and the time waited).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final status, as an object.</returns>
    public abstract Task<object?> WaitForCompletionUntypedAsync(StrategyWaitOptions? options = null, IProgress<IStrategyWaitProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Releases what the work holds on the server now (its start failed, or its status could not be read: the wait was given up).</summary>
    internal abstract Task ReleaseAsync();

    /// <summary>The operation in a line: <c>PublishCube job 478:RU5W…: running</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => Kind + " " + Description + ": " + Outcome.ToString().ToLowerInvariant();
}

/// <summary>An operation whose status is a <typeparamref name="TStatus"/>.</summary>
/// <typeparam name="TStatus">The status the operation's wait answers.</typeparam>
public sealed class StrategyWork<TStatus> : StrategyWork
    where TStatus : class
{
    private readonly IOperationUpdate<TStatus> _operation;
    private readonly Func<TStatus?, StrategyWaitOptions?, IProgress<StrategyWaitProgress<TStatus>>?, CancellationToken, Task<TStatus>> _wait;
    private readonly Func<CancellationToken, Task>? _close;
    private readonly Func<TStatus, StrategyOutcome>? _outcomeOf;
    private int _closed;

    // The start's own answer was final: the wait still reads it (progress, span, typed failure), with no call.
    private bool _endedInStartAnswer;

    /// <param name="token">What a later process needs to resume it.</param>
    /// <param name="description">What runs, for messages.</param>
    /// <param name="operation">Reads the work once, as a wait reads it, and makes its typed failure: a single check goes through the one waiter's step.</param>
    /// <param name="wait">Waits for the work as its helper does, from the last status read.</param>
    /// <param name="close">Releases what the work holds on the server, if anything.</param>
    /// <param name="outcomeOf">Tells a skip from a success in a final status, where the work can be skipped.</param>
    internal StrategyWork(
        StrategyResumeToken token,
        string description,
        IOperationUpdate<TStatus> operation,
        Func<TStatus?, StrategyWaitOptions?, IProgress<StrategyWaitProgress<TStatus>>?, CancellationToken, Task<TStatus>> wait,
        Func<CancellationToken, Task>? close = null,
        Func<TStatus, StrategyOutcome>? outcomeOf = null)
        : base(token, description)
    {
        _operation = operation;
        _wait = wait;
        _close = close;
        _outcomeOf = outcomeOf;
    }

    /// <summary>The last status read, if any.</summary>
    public TStatus? LastStatus { get; private set; }

    /// <summary>What the last single check read (<see cref="UpdateStatusAsync"/>), with what it found beyond the status (the run before the start, no status yet).</summary>
    internal OperationState<TStatus>? LastRead { get; private set; }

    /// <summary>Why deleting what the work held on the server (a publish instance) failed, if it did; it then stays until it expires.</summary>
    public Exception? CleanupFailure { get; private set; }

    /// <summary>
    /// The same work holding a resource on the server: <paramref name="close"/> releases it once the
    /// work has ended or its wait was given up, and <paramref name="translate"/> turns an answer that
    /// says the resource is gone into the typed failure.
    /// </summary>
    internal StrategyWork<TStatus> Scoped(Func<CancellationToken, Task> close, Func<Exception, Exception?>? translate) =>
        new(ResumeToken, Description, new TranslatedOperation(_operation, translate), (last, options, progress, ct) => Translated(_wait(last, options, progress, ct), translate), close, _outcomeOf) { Stop = Stop };

    /// <summary>The answer of <paramref name="call"/>, or the typed failure <paramref name="translate"/> makes of its error.</summary>
    private static async Task<T> Translated<T>(Task<T> call, Func<Exception, Exception?>? translate)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (translate?.Invoke(ex) is { } typed)
        {
            throw typed;
        }
    }

    /// <summary>An operation whose reads turn an answer that says the resource is gone into the typed failure.</summary>
    private sealed class TranslatedOperation(IOperationUpdate<TStatus> inner, Func<Exception, Exception?>? translate) : IOperationUpdate<TStatus>
    {
        public string Description => inner.Description;

        public Task<OperationState<TStatus>> UpdateAsync(OperationCall call) => Translated(inner.UpdateAsync(call), translate);

        public Exception FailureOf(OperationState<TStatus> state) => inner.FailureOf(state);
    }

    /// <summary>
    /// How the work is stopped on the server when its helper's wait ends early (<c>cancel</c> of
    /// <c>x-strategy-start</c>): known to the process that started it, from the start's answer.
    /// </summary>
    internal (string What, Func<CancellationToken, Task> Cancel)? Stop { get; private set; }

    /// <summary>The same work, stoppable on the server by <paramref name="cancel"/> (<paramref name="what"/> names it in messages).</summary>
    internal StrategyWork<TStatus> StoppedBy(string what, Func<CancellationToken, Task> cancel)
    {
        Stop = (what, cancel);
        return this;
    }

    /// <inheritdoc />
    internal override Task ReleaseAsync() => CloseAsync();

    /// <inheritdoc />
    public override object? LastStatusValue => LastStatus;

    /// <summary>An operation that ended before the start answered (an empty 201: the server did the work first).</summary>
    internal StrategyWork<TStatus> DoneAlready()
    {
        HasCompleted = true;
        Outcome = StrategyOutcome.Succeeded;
        return this;
    }

    /// <summary>Starts from a status in hand (the start's answer).</summary>
    internal StrategyWork<TStatus> From(TStatus? status, PollOutcome outcome)
    {
        Record(new OperationState<TStatus>(status, outcome));
        _endedInStartAnswer = HasCompleted && status is not null;
        return this;
    }

    /// <inheritdoc />
    public override async Task UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            return;
        }

        try
        {
            var read = await StrategyWaiter.ReadOnceAsync(_operation, null, cancellationToken).ConfigureAwait(false);
            LastRead = read;
            Record(read);
        }
        catch (Exception ex) when (EndedBadly(ex))
        {
            // The work has ended badly (confirmed after it left the monitor, or its resource is gone).
            HasCompleted = true;
            Outcome = StrategyOutcome.Failed;
            Failure = ex;
            LastStatus = (ex as StrategyOperationFailedException)?.LastStatus as TStatus ?? LastStatus;
        }

        if (HasCompleted)
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the work ends, with the same limits, progress, spans and metrics as its helper, and answers the final status.</summary>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every status observed while waiting.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final status (<see langword="null"/> when the server did the work before answering).</returns>
    /// <exception cref="StrategyOperationFailedException">The work failed.</exception>
    /// <exception cref="StrategyWaitTimeoutException">The work was still running when the time limit ran out.</exception>
    public async Task<TStatus?> WaitForCompletionAsync(StrategyWaitOptions? options = null, IProgress<StrategyWaitProgress<TStatus>>? progress = null, CancellationToken cancellationToken = default)
    {
        if (HasCompleted && !_endedInStartAnswer)
        {
            await CloseAsync(options).ConfigureAwait(false);
            return Failure is null ? LastStatus : throw Failure;
        }

        _endedInStartAnswer = false;
        try
        {
            var status = await _wait(LastStatus, options, progress, cancellationToken).ConfigureAwait(false);
            LastStatus = status;
            HasCompleted = true;

            // A wait ends without throwing on a success or a skip: the final status says which.
            Outcome = status is not null && _outcomeOf?.Invoke(status) is StrategyOutcome.Skipped ? StrategyOutcome.Skipped : StrategyOutcome.Succeeded;
            return status;
        }
        catch (Exception ex) when (EndedBadly(ex))
        {
            HasCompleted = true;
            Outcome = StrategyOutcome.Failed;
            Failure = ex;
            throw;
        }
        finally
        {
            // Ended, or given up on (cancelled, timed out): what the work holds on the server is released either way.
            await CloseAsync(options).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task<object?> WaitForCompletionUntypedAsync(StrategyWaitOptions? options = null, IProgress<IStrategyWaitProgress>? progress = null, CancellationToken cancellationToken = default) =>

        // IProgress<in T>: a receiver of any wait's progress receives this one's as it is.
        await WaitForCompletionAsync(options, progress, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether an exception says the work has ended in failure (not that the wait or the call did).</summary>
    private static bool EndedBadly(Exception ex) =>
        ex is StrategyOperationFailedException or StrategyResourceExpiredException or StrategyOutcomeUnknownException or StrategySubscriptionRunsFailedException;

    private void Record(OperationState<TStatus> state)
    {
        LastStatus = state.Status ?? LastStatus;
        Outcome = state.Outcome.State;
        HasCompleted = state.Outcome.State is not StrategyOutcome.Running;
        if (state.Outcome.State == StrategyOutcome.Failed)
        {
            Failure = _operation.FailureOf(state);
        }
    }

    /// <summary>Releases what the work holds on the server, once, on the one clean-up path (its own limit from <paramref name="options"/>).</summary>
    private async Task CloseAsync(StrategyWaitOptions? options = null)
    {
        if (_close is null || Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        CleanupFailure = await StrategyCleanup.TryAsync(options ?? StrategyWaitOptions.Default, "the clean-up of " + Description, _close).ConfigureAwait(false);
    }
}
