namespace Strategy.Generated;

/// <summary>
/// How many connection failures in a row (refused, reset, no such host) one piece of work may
/// meet before the server counts as gone. Waits and clean-up put a budget in scope; the retry
/// handler spends it on its own attempts, so a dead server costs the budget once, not retries
/// times polls.
/// </summary>
/// <remarks>Flows with the async call (an <see cref="AsyncLocal{T}"/>), like Azure.Core's message property scopes.</remarks>
internal sealed class ConnectionFailureBudget(int maxConsecutiveFailures)
{
    /// <summary>Set on an exception once a budget has counted it, so the layers above do not count it twice.</summary>
    private const string CountedKey = "Strategy.Generated.ConnectionFailureCounted";

    private static readonly AsyncLocal<ConnectionFailureBudget?> Ambient = new();

    private int _failures;
    private string? _server;

    /// <summary>The budget in scope, if any.</summary>
    public static ConnectionFailureBudget? Current => Ambient.Value;

    /// <summary>How many connection failures in a row have been met.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Whether no further attempt should be made.</summary>
    public bool IsExhausted => Failures > maxConsecutiveFailures;

    /// <summary>The server (scheme, host and port only) of the last failed attempt, when known.</summary>
    public string? Server => Volatile.Read(ref _server);

    /// <summary>Puts <paramref name="budget"/> in scope until the returned value is disposed.</summary>
    public static Scope Use(ConnectionFailureBudget budget)
    {
        var previous = Ambient.Value;
        Ambient.Value = budget;
        return new Scope(previous);
    }

    /// <summary>Counts a failed attempt once, whoever sees it first.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="requestUri">The request, for the server's address.</param>
    public void RecordFailure(Exception exception, Uri? requestUri)
    {
        if (exception.Data.Contains(CountedKey))
        {
            return;
        }

        exception.Data[CountedKey] = true;
        Interlocked.Increment(ref _failures);
        if (requestUri is { IsAbsoluteUri: true })
        {
            Volatile.Write(ref _server, requestUri.GetLeftPart(UriPartial.Authority));
        }
    }

    /// <summary>The server answered: the failures are no longer consecutive.</summary>
    public void RecordAnswer() => Interlocked.Exchange(ref _failures, 0);

    /// <summary>Restores the budget that was in scope before.</summary>
    internal readonly struct Scope(ConnectionFailureBudget? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Ambient.Value = previous;
    }
}
