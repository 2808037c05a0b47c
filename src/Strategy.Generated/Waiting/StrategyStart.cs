namespace Strategy.Generated;

/// <summary>
/// The one runtime for every start-and-wait helper (<c>x-strategy-start</c>): check the options
/// before anything is sent, start the work, and wait for it, all under one workflow span and one
/// time limit: the calls before the wait count against <see cref="StrategyWaitOptions.Timeout"/>,
/// and the wait gets what is left.
/// </summary>
internal static class StrategyStart
{
    /// <summary>
    /// Refuses, before the work is started, an object whose field holds a value the server reports no
    /// status for (the spec's <c>requires</c> on <c>x-strategy-start</c>).
    /// </summary>
    /// <param name="operationId">The start operation.</param>
    /// <param name="subject">The object, such as <c>subscription 0730…</c>.</param>
    /// <param name="describe">What the field is, such as <c>delivery mode</c>.</param>
    /// <param name="value">The field's value as the server sent it (empty when it sent none).</param>
    /// <param name="allowed">The values the server reports a status for.</param>
    /// <exception cref="StrategyStatusUnavailableException">The value is not one of <paramref name="allowed"/>.</exception>
    public static void Require(string operationId, string subject, string describe, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            var shown = value.Length == 0 ? "none" : ServerText.Clean(value) ?? string.Empty;
            throw new StrategyStatusUnavailableException(operationId, subject, $"its {describe} is {shown}, and a status is reported only for {string.Join(", ", allowed)}");
        }
    }

    /// <summary>Starts work whose answer says what to wait on, and waits for it.</summary>
    /// <param name="workflow">The helper's name and span tags.</param>
    /// <param name="options">The wait options, checked before the work starts.</param>
    /// <param name="operationId">The start operation, for the error when it answers nothing.</param>
    /// <param name="start">Starts the work.</param>
    /// <param name="wait">Waits for the work the start answered, with the time left.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="stop">How the work is stopped on the server when the wait ends early, for work that can be stopped.</param>
    /// <returns>The final status.</returns>
    /// <exception cref="StrategyApiException">The start answered no body, so there is nothing to wait on (<see cref="StrategyErrorKind.InvalidResponse"/>).</exception>
    public static async Task<TResult> RunAsync<TStarted, TResult>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        string operationId,
        Func<CancellationToken, Task<TStarted?>> start,
        Func<TStarted, StrategyWaitOptions, Task<TResult>> wait,
        CancellationToken cancellationToken,
        StrategyStoppable<TStarted>? stop = null)
        where TStarted : class
        where TResult : class =>
        await RunOrDoneCoreAsync(workflow, options, operationId, start, wait, doneWhenEmpty: false, cancellationToken, stop).ConfigureAwait(false)
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
        using var run = WorkflowRun.Start(workflow, options);
        try
        {
            var previousRun = await run.StartingAsync(
                async ct =>
                {
                    var last = before is null ? null : await before(ct).ConfigureAwait(false);
                    await start(ct).ConfigureAwait(false);
                    return last;
                },
                cancellationToken).ConfigureAwait(false);
            return await wait(previousRun, run.Options).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            run.Failed(ex);
            throw;
        }
    }

    /// <summary>
    /// Starts work with its start form (which answers it as an operation) and waits for it as the
    /// operation waits: the helper is that operation, started and waited for in one call.
    /// </summary>
    /// <param name="workflow">The helper's name and span tags.</param>
    /// <param name="options">The wait options, checked before the work starts.</param>
    /// <param name="start">The start form: starts the work and answers the operation.</param>
    /// <param name="progress">Receives every status observed while waiting.</param>
    /// <param name="cancellationToken">Cancels the start and the wait.</param>
    /// <returns>The final status.</returns>
    public static async Task<TStatus> RunWorkAsync<TStatus>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        Func<CancellationToken, Task<StrategyWork<TStatus>>> start,
        IProgress<StrategyWaitProgress<TStatus>>? progress,
        CancellationToken cancellationToken)
        where TStatus : class =>
        await RunWorkOrDoneAsync(workflow, options, start, progress, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("Only a start that may do the work before answering ends without a status.");

    /// <summary>As <see cref="RunWorkAsync{TStatus}"/>, for work the server may do before answering (the spec's <c>doneOn</c>).</summary>
    /// <returns>The final status, or <see langword="null"/> when the server did the work before answering.</returns>
    public static Task<TStatus?> RunWorkOrDoneAsync<TStatus>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        Func<CancellationToken, Task<StrategyWork<TStatus>>> start,
        IProgress<StrategyWaitProgress<TStatus>>? progress,
        CancellationToken cancellationToken)
        where TStatus : class =>
        RunOrDoneCoreAsync<StrategyWork<TStatus>, TStatus>(
            workflow,
            options,
            "the start",
            async ct =>
            {
                // Work the server did before answering has nothing to wait on.
                var work = await start(ct).ConfigureAwait(false);
                return work is { HasCompleted: true, LastStatus: null, Failure: null } ? null : work;
            },
            async (work, waitOptions) => await work.WaitForCompletionAsync(waitOptions, progress, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A wait ends with a status."),
            doneWhenEmpty: true,
            cancellationToken,
            new StrategyStoppable<StrategyWork<TStatus>>(work => work.Stop?.What, (work, ct) => work.Stop!.Value.Cancel(ct)));

    private static async Task<TResult?> RunOrDoneCoreAsync<TStarted, TResult>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        string operationId,
        Func<CancellationToken, Task<TStarted?>> start,
        Func<TStarted, StrategyWaitOptions, Task<TResult>> wait,
        bool doneWhenEmpty,
        CancellationToken cancellationToken,
        StrategyStoppable<TStarted>? stop = null)
        where TStarted : class
        where TResult : class
    {
        using var run = WorkflowRun.Start(workflow, options);
        try
        {
            // Work that can be stopped is stopped when cancelled, so the answer that says what to stop is awaited.
            var started = stop is null
                ? await run.StartingAsync(start, cancellationToken).ConfigureAwait(false)
                : await run.StartingGracedAsync(start, cancellationToken).ConfigureAwait(false);
            if (started is not null && stop?.Describe(started) is { } what)
            {
                // Work that can be stopped is stopped on the server when its wait ends early.
                return await StrategyStop.WaitOrStopAsync(run, what, () => wait(started, run.Options), ct => stop.Cancel(started, ct), cancellationToken).ConfigureAwait(false);
            }

            if (started is not null)
            {
                return await wait(started, run.Options).ConfigureAwait(false);
            }

            if (!doneWhenEmpty)
            {
                // Only the spec says when an empty answer means "already done"; otherwise nothing can be waited on.
                throw new StrategyApiException($"{operationId} answered without a body, so there is nothing to wait on.", 0, null, new Dictionary<string, IEnumerable<string>>(), null);
            }

            run.Span.Outcome("done_synchronously");
            return null;
        }
        catch (Exception ex)
        {
            run.Failed(ex);
            throw;
        }
    }
}

/// <summary>How started work is stopped on the server (<c>cancel</c> of <c>x-strategy-start</c>).</summary>
/// <param name="Describe">What runs on the server, from the answer that started it, for messages (<c>job 478:RU5W…</c>); <see langword="null"/> when this work cannot be stopped.</param>
/// <param name="Cancel">Cancels it.</param>
internal sealed record StrategyStoppable<TStarted>(Func<TStarted, string?> Describe, Func<TStarted, CancellationToken, Task> Cancel);
