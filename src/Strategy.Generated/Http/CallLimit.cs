namespace Strategy.Generated.Http;

/// <summary>The one way a time limit cuts calls: a deadline, a watch of what was sent under it, and the typed failure when it runs out.</summary>
internal static class CallLimit
{
    /// <summary>
    /// Runs <paramref name="calls"/> under <paramref name="limit"/>. Cut by the limit, they end with
    /// <see cref="StrategyUnreachableException"/> for <paramref name="operation"/>; cancelled by the caller, as cancelled.
    /// </summary>
    /// <param name="limit">The limit as given; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="time">The clock.</param>
    /// <param name="request">The caller's request, when the limit is one call's: its answer is then "no answer came" rather than named again.</param>
    /// <param name="operation">What has the limit, for the message: a request (<c>ListSchedules (GET …)</c>) or a workflow.</param>
    /// <param name="calls">The calls.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <param name="reportedLimit">The limit to name when it runs out, when <paramref name="limit"/> is what is left of it.</param>
    public static async Task<T> RunAsync<T>(
        TimeSpan limit,
        TimeProvider time,
        HttpRequestMessage? request,
        string operation,
        Func<CancellationToken, Task<T>> calls,
        CancellationToken cancellationToken,
        TimeSpan? reportedLimit = null)
    {
        if (limit == Timeout.InfiniteTimeSpan)
        {
            return await calls(cancellationToken).ConfigureAwait(false);
        }

        using var deadline = Timers.CancelAfter(time, limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var watching = CallWatch.Begin(out var watch);
        try
        {
            return await calls(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is not StrategyUnreachableException)
        {
            var server = watch.Server ?? (request?.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : null);
            throw new StrategyUnreachableException(operation, server, reportedLimit ?? limit, watch.Describe(request), ex);
        }
    }
}
