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
    public static async Task<TStatus?> RunWorkOrDoneAsync<TStatus>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        Func<CancellationToken, Task<StrategyWork<TStatus>>> start,
        IProgress<StrategyWaitProgress<TStatus>>? progress,
        CancellationToken cancellationToken)
        where TStatus : class
    {
        using var run = WorkflowRun.Start(workflow, options);
        try
        {
            // Work that can be stopped is stopped when cancelled, so the answer that says what to stop is awaited.
            var work = await run.StartingGracedAsync(start, cancellationToken).ConfigureAwait(false);
            if (work is { HasCompleted: true, LastStatus: null, Failure: null })
            {
                // The server did the work before answering: there is nothing to wait on.
                run.Span.Outcome("done_synchronously");
                return null;
            }

            Func<Task<TStatus?>> wait = () => work.WaitForCompletionAsync(run.Options, progress, cancellationToken);
            return work.Stop is { } stop
                ? await StrategyStop.WaitOrStopAsync(run, stop.What, wait, stop.Cancel, cancellationToken).ConfigureAwait(false)
                : await wait().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            run.Failed(ex);
            throw;
        }
    }
}
