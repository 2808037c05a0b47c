namespace Strategy.Generated;

/// <summary>
/// Lets a call that creates something on the server (an instance, a job) finish when the caller
/// cancels while it is under way: its answer says what to delete or stop, and without it the work
/// would run on unseen. Cancelled before it is sent, nothing is sent; cancelled while it runs, the
/// call gets a grace to answer, and the caller's cancellation wins only when the grace runs out.
/// </summary>
internal static class CancellationGrace
{
    /// <summary>Runs <paramref name="call"/>, giving it <paramref name="grace"/> to answer once <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="clock">The clock of the grace.</param>
    /// <param name="grace">How long the call may still take after the caller cancelled.</param>
    /// <param name="call">The call, given a token cancelled only when the grace runs out.</param>
    /// <param name="what">What the call starts, for the message when its answer never came (<c>The publish of cube 8D67…</c>), at the start of a sentence.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The call's answer, even when the caller cancelled while it ran: the caller then stops what it started.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before the call was sent (nothing was).</exception>
    /// <exception cref="StrategyWorkCancelledException">The grace ran out: what the call started, if anything, may still be there (<see cref="StrategyWorkCancelledException.CancelledOnServer"/> is false).</exception>
    public static async Task<T> RunAsync<T>(TimeProvider clock, TimeSpan grace, Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var calling = new CancellationTokenSource();
        ITimer? graceTimer = null;
        var registration = cancellationToken.Register(() => graceTimer = clock.CreateTimer(
            static source =>
            {
                try
                {
                    ((CancellationTokenSource)source!).Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The call ended as the grace ran out.
                }
            },
            calling,
            grace,
            Timeout.InfiniteTimeSpan));
        try
        {
            return await call(calling.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // The grace ran out: the caller's cancellation, saying that the server may have started the work.
            throw new StrategyWorkCancelledException(
                FormattableString.Invariant($"{what} was cancelled while its start was on the way, and the server had not answered {grace.TotalSeconds:0.#} s later: the work may have started there and still be running."),
                what,
                ex,
                cancellationToken);
        }
        finally
        {
            registration.Dispose();
            graceTimer?.Dispose();
        }
    }
}
