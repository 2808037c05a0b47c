namespace Strategy.Generated;

/// <summary>
/// The one runtime for every start-and-wait helper (<c>x-strategy-start</c>): check the options
/// before anything is sent, start the work, and wait for it, all under one workflow span and one
/// time limit: the calls before the wait count against <see cref="StrategyWaitOptions.Timeout"/>,
/// and the wait gets what is left.
/// </summary>
internal static class StrategyStart
{
    /// <summary>Starts work whose answer says what to wait on, and waits for it.</summary>
    /// <param name="workflow">The helper's name and span tags.</param>
    /// <param name="options">The wait options, checked before the work starts.</param>
    /// <param name="operationId">The start operation, for the error when it answers nothing.</param>
    /// <param name="start">Starts the work.</param>
    /// <param name="wait">Waits for the work the start answered, with the time left.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The final status.</returns>
    /// <exception cref="StrategyApiException">The start answered no body, so there is nothing to wait on (<see cref="StrategyErrorKind.InvalidResponse"/>).</exception>
    public static async Task<TResult> RunAsync<TStarted, TResult>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        string operationId,
        Func<CancellationToken, Task<TStarted?>> start,
        Func<TStarted, StrategyWaitOptions, Task<TResult>> wait,
        CancellationToken cancellationToken)
        where TStarted : class
        where TResult : class =>
        await RunOrDoneCoreAsync(workflow, options, operationId, start, wait, doneWhenEmpty: false, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("A start without an answer has already thrown.");

    /// <summary>
    /// Starts work that the server may do before answering (the spec's <c>doneOn</c>: an empty
    /// answer of that status), and waits for it otherwise.
    /// </summary>
    /// <returns>The final status, or <see langword="null"/> when the server did the work before answering.</returns>
    public static Task<TResult?> RunOrDoneAsync<TStarted, TResult>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        string operationId,
        Func<CancellationToken, Task<TStarted?>> start,
        Func<TStarted, StrategyWaitOptions, Task<TResult>> wait,
        CancellationToken cancellationToken)
        where TStarted : class
        where TResult : class =>
        RunOrDoneCoreAsync(workflow, options, operationId, start, wait, doneWhenEmpty: true, cancellationToken);

    /// <summary>
    /// Starts work whose answer has no body, and waits for it with the helper's own arguments.
    /// For a wait that tells runs apart, the last status is read first, so the run that ended
    /// before this start is not taken for the one it started.
    /// </summary>
    /// <param name="workflow">The helper's name and span tags.</param>
    /// <param name="options">The wait options, checked before anything is sent.</param>
    /// <param name="before">Reads the last status before the start (<see langword="null"/> answered when there is none), or <see langword="null"/> when runs need not be told apart.</param>
    /// <param name="start">Starts the work.</param>
    /// <param name="wait">Waits for the work, given the status from before the start and the time left.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The final status.</returns>
    public static async Task<TResult> RunAsync<TResult>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        Func<CancellationToken, Task<TResult?>>? before,
        Func<CancellationToken, Task> start,
        Func<TResult?, StrategyWaitOptions, Task<TResult>> wait,
        CancellationToken cancellationToken)
        where TResult : class
    {
        options ??= StrategyWaitOptions.Default;
        options.Validate();
        using var span = WorkflowSpan.Start(workflow);
        try
        {
            var started = options.TimeProvider.GetTimestamp();
            var previousRun = await WithinLimitAsync(
                workflow,
                options,
                started,
                async ct =>
                {
                    var last = before is null ? null : await before(ct).ConfigureAwait(false);
                    await start(ct).ConfigureAwait(false);
                    return last;
                },
                cancellationToken).ConfigureAwait(false);
            return await wait(previousRun, TimeLeft(options, started)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            span.Failed(ex);
            throw;
        }
    }

    private static async Task<TResult?> RunOrDoneCoreAsync<TStarted, TResult>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        string operationId,
        Func<CancellationToken, Task<TStarted?>> start,
        Func<TStarted, StrategyWaitOptions, Task<TResult>> wait,
        bool doneWhenEmpty,
        CancellationToken cancellationToken)
        where TStarted : class
        where TResult : class
    {
        options ??= StrategyWaitOptions.Default;
        options.Validate();
        using var span = WorkflowSpan.Start(workflow);
        try
        {
            var begun = options.TimeProvider.GetTimestamp();
            var started = await WithinLimitAsync(workflow, options, begun, start, cancellationToken).ConfigureAwait(false);
            if (started is not null)
            {
                return await wait(started, TimeLeft(options, begun)).ConfigureAwait(false);
            }

            if (!doneWhenEmpty)
            {
                // Only the spec says when an empty answer means "already done"; otherwise nothing can be waited on.
                throw new StrategyApiException($"{operationId} answered without a body, so there is nothing to wait on.", 0, null, new Dictionary<string, IEnumerable<string>>(), null);
            }

            span.Outcome("done_synchronously");
            return null;
        }
        catch (Exception ex)
        {
            span.Failed(ex);
            throw;
        }
    }

    /// <summary>Runs the calls before the wait under the wait's time limit, so a call that hangs cannot outlast it.</summary>
    internal static async Task<T> WithinLimitAsync<T>(
        StrategyWorkflow workflow, StrategyWaitOptions options, long started, Func<CancellationToken, Task<T>> calls, CancellationToken cancellationToken)
    {
        var clock = options.TimeProvider;
        using var limit = Timers.CancelAfter(clock, options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return await calls(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StrategyWaitTimeoutException(Describe(workflow), options.Timeout, clock.GetElapsedTime(started), 0, null);
        }
    }

    /// <summary>The options for the wait: the time limit less what the calls before it took.</summary>
    internal static StrategyWaitOptions TimeLeft(StrategyWaitOptions options, long started)
    {
        var left = options.Timeout - options.TimeProvider.GetElapsedTime(started);
        return options with { Timeout = left > StrategyPolling.LastCallGrace ? left : StrategyPolling.LastCallGrace };
    }

    private static string Describe(StrategyWorkflow workflow) =>
        workflow.Tags.Count == 0 ? workflow.Helper : workflow.Helper + " (" + string.Join(", ", workflow.Tags.Select(t => t.Value)) + ")";
}
