namespace Strategy.Generated;

/// <summary>
/// How many connection failures in a row (refused, reset, no such host) one piece of work may
/// meet before the server counts as gone. Waits and clean-up put a budget in scope; the
/// pipeline's attempt handler spends it on every attempt (the retry handler's included), and the
/// retry handler stops retrying once it is spent, so a dead server costs the budget once, not retries
/// times polls.
/// </summary>
/// <remarks>
/// One layer counts: the attempt handler, which sees every attempt, once it has counted one
/// (<see cref="CountedByHandler"/>); the wait counts a failed call itself only in a pipeline without
/// that handler. The budget reaches the handler with the async call (an <see cref="AsyncLocal{T}"/>,
/// like Azure.Core's message property scopes): the generated client methods take no per-call options.
/// </remarks>
internal sealed class ConnectionFailureBudget(int maxConsecutiveFailures)
{
    private static readonly AsyncLocal<ConnectionFailureBudget?> Ambient = new();

    private int _failures;
    private int _countedByHandler;
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

    /// <summary>Whether the pipeline's attempt handler counts the attempts: then the wait only reads the budget.</summary>
    public bool CountedByHandler => Volatile.Read(ref _countedByHandler) == 1;

    /// <summary>The attempt handler's count of an attempt that failed to connect.</summary>
    /// <param name="requestUri">The request, for the server's address.</param>
    public void RecordAttemptFailure(Uri? requestUri)
    {
        Volatile.Write(ref _countedByHandler, 1);
        RecordFailure(requestUri);
    }

    /// <summary>The attempt handler's count of an attempt the server answered.</summary>
    public void RecordAttemptAnswer()
    {
        Volatile.Write(ref _countedByHandler, 1);
        RecordAnswer();
    }

    /// <summary>The wait's count of a call that failed to connect, in a pipeline without the attempt handler (composed by hand).</summary>
    /// <param name="requestUri">The request, for the server's address, when known.</param>
    public void RecordCallFailure(Uri? requestUri)
    {
        if (!CountedByHandler)
        {
            RecordFailure(requestUri);
        }
    }

    /// <summary>The wait's count of a call the server answered, in a pipeline without the attempt handler (composed by hand).</summary>
    public void RecordCallAnswer()
    {
        if (!CountedByHandler)
        {
            RecordAnswer();
        }
    }

    private void RecordFailure(Uri? requestUri)
    {
        Interlocked.Increment(ref _failures);
        if (requestUri is { IsAbsoluteUri: true })
        {
            Volatile.Write(ref _server, requestUri.GetLeftPart(UriPartial.Authority));
        }
    }

    /// <summary>The server answered: the failures are no longer consecutive.</summary>
    private void RecordAnswer() => Interlocked.Exchange(ref _failures, 0);

    /// <summary>Restores the budget that was in scope before.</summary>
    internal readonly struct Scope(ConnectionFailureBudget? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Ambient.Value = previous;
    }
}
