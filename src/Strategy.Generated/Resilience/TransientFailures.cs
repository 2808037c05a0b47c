namespace Strategy.Generated;

/// <summary>The one definition of a transient failure, shared by request retries and the one waiter.</summary>
internal static class TransientFailures
{
    /// <summary>Statuses that say "try again later": request timeout, throttling, server and gateway errors.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>Whether a failed call is worth repeating: a transient status, a broken connection, or HttpClient's own timeout.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        StrategyApiException api => IsTransientStatus(api.StatusCode),
        HttpRequestException => true,
        TaskCanceledException when !cancellationToken.IsCancellationRequested => true,
        _ => false,
    };
}
