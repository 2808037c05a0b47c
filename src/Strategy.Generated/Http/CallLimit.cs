namespace Strategy.Generated.Http;

/// <summary>The one way a time limit cuts calls: a deadline, a watch of what was sent under it, and the typed failure when it runs out.</summary>
internal static class CallLimit
{
    /// <summary>
    /// Runs <paramref name="calls"/> under <paramref name="limit"/>. Cut by the limit, or unable to
    /// connect, they end with <see cref="StrategyUnreachableException"/> for <paramref name="operation"/>;
    /// cancelled by the caller, as cancelled.
    /// </summary>
    /// <param name="limit">The limit as given; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="time">The clock.</param>
    /// <param name="request">The caller's request, when the limit is one call's: its answer is then "no answer came" rather than named again.</param>
    /// <param name="operation">What has the limit, for the message: a workflow; <see langword="null"/> for <paramref name="request"/> itself, named only if the limit cuts it (not on every call).</param>
    /// <param name="calls">The calls.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <param name="reportedLimit">The limit to name when it runs out, when <paramref name="limit"/> is what is left of it.</param>
    public static Task<T> RunAsync<T>(
        TimeSpan limit,
        TimeProvider time,
        HttpRequestMessage? request,
        string? operation,
        Func<CancellationToken, Task<T>> calls,
        CancellationToken cancellationToken,
        TimeSpan? reportedLimit = null) =>
        RunAsync(limit, time, request, operation, static (calls, ct) => calls(ct), calls, cancellationToken, reportedLimit);

    /// <summary>As <see cref="RunAsync{T}(TimeSpan, TimeProvider, HttpRequestMessage?, string?, Func{CancellationToken, Task{T}}, CancellationToken, TimeSpan?)"/>, with the calls' state passed in rather than captured (no closure on every call through the pipeline).</summary>
    public static async Task<T> RunAsync<TState, T>(
        TimeSpan limit,
        TimeProvider time,
        HttpRequestMessage? request,
        string? operation,
        Func<TState, CancellationToken, Task<T>> calls,
        TState state,
        CancellationToken cancellationToken,
        TimeSpan? reportedLimit = null)
    {
        // One source for the caller's cancellation and the limit: the limit cut the calls when it is
        // cancelled and the caller's token is not.
        using var limited = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource();
        using var timer = Timers.CancelAfter(limited, time, limit);

        // One call's watch travels on its request (set on every call, so no async-local copy); a workflow's is in scope for every call it makes.
        using var watching = request is null ? CallWatch.Begin(out var watch) : CallWatch.ForRequest(request, out watch);
        try
        {
            return await calls(state, limited.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (limited.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is not StrategyUnreachableException)
        {
            throw new StrategyUnreachableException(Name(operation, request), ServerOf(watch, request), reportedLimit ?? limit, watch.Describe(request), ex);
        }
        catch (HttpRequestException ex) when (TransportErrors.IsConnectionFailure(ex))
        {
            // The transport's own failure stays the inner exception; what the caller sees is typed and names the call.
            var attempts = (watch.Request ?? request) is { } sent ? StrategyRequestOptions.Attempt(sent) + 1 : 1;
            throw new StrategyUnreachableException(Name(operation, request), ServerOf(watch, request), attempts, ex);
        }
    }

    private static string Name(string? operation, HttpRequestMessage? request) =>
        operation ?? (request is null ? "the call" : RequestDescription.Describe(request));

    private static string? ServerOf(CallWatch watch, HttpRequestMessage? request) =>
        watch.Server ?? (request?.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : null);
}
