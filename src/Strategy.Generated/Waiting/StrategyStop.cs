namespace Strategy.Generated;

/// <summary>
/// Stops work on the server when the wait for it ends early (the caller's token, or the time
/// limit), for work the spec declares can be stopped (<c>cancel</c> of <c>x-strategy-start</c>):
/// once, under the clean-up time limit rather than the caller's token, and the exception says so.
/// </summary>
internal static class StrategyStop
{
    /// <summary>Waits for work and stops it on the server when the wait is cancelled or gives up.</summary>
    /// <param name="run">The workflow.</param>
    /// <param name="operation">What runs on the server, for messages (<c>job 478:RU5W…</c>).</param>
    /// <param name="wait">Waits for the work.</param>
    /// <param name="cancel">Cancels the work on the server.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static async Task<TResult> WaitOrStopAsync<TResult>(
        WorkflowRun run,
        string operation,
        Func<Task<TResult>> wait,
        Func<CancellationToken, Task> cancel,
        CancellationToken cancellationToken)
    {
        try
        {
            // Cancelled while the start was answering: the work is known now, and stopped at once.
            cancellationToken.ThrowIfCancellationRequested();
            return await wait().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var (cancelled, error) = await CancelAsync(run, operation, cancel).ConfigureAwait(false);
            throw new StrategyWorkCancelledException(operation, cancelled, error, cancellationToken);
        }
        catch (StrategyWaitTimeoutException timeout)
        {
            var (cancelled, error) = await CancelAsync(run, operation, cancel).ConfigureAwait(false);
            throw new StrategyWaitTimeoutException(timeout, cancelled, error);
        }
    }

    /// <summary>The sentence that says what became of the work: <c>…; job 478 was cancelled on the server.</c></summary>
    internal static string Describe(string what, string operation, bool cancelledOnServer, Exception? cancelError)
    {
        if (operation.Length == 0)
        {
            return what + "; none of its work was running on the server.";
        }

        // "2 cube publish jobs" were cancelled; "job 478:…" was.
        var plural = int.TryParse(operation.Split(' ')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 1;
        return cancelledOnServer
            ? what + "; " + operation + (plural ? " were" : " was") + " cancelled on the server."
            : what + "; cancelling " + operation + " on the server failed, so " + (plural ? "some may" : "it may") + " still be running"
              + (cancelError is null ? "." : ": " + (ServerText.Clean(cancelError.Message, 300) ?? string.Empty).TrimEnd('.') + ".");
    }

    private static async Task<(bool Cancelled, Exception? Error)> CancelAsync(WorkflowRun run, string operation, Func<CancellationToken, Task> cancel)
    {
        var (_, failure) = await StrategyCleanup.TryAsync<object?>(
            run.Options,
            "cancelling " + operation,
            async ct =>
            {
                await cancel(ct).ConfigureAwait(false);
                return null;
            }).ConfigureAwait(false);

        // A job already gone (it ended and left the monitor) runs no more: as good as cancelled.
        var gone = failure is StrategyApiException { Kind: StrategyErrorKind.NotFound };
        run.Span.Event("strategy.work_cancelled", "strategy.cancelled", failure is null ? "true" : gone ? "gone" : "false");
        return failure is null || gone ? (true, null) : (false, failure);
    }
}
