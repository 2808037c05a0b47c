using System.Globalization;

namespace Strategy.Generated;

/// <summary>
/// The client gave up waiting: the work was still running on the server when the wait's time
/// limit ran out. The work itself may still finish.
/// </summary>
public sealed class StrategyWaitTimeoutException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being waited on.</param>
    /// <param name="timeout">The time limit.</param>
    /// <param name="elapsed">How long the wait took.</param>
    /// <param name="attempts">How many status calls were made.</param>
    /// <param name="lastState">The last status seen (in words where the spec gives them), if any.</param>
    public StrategyWaitTimeoutException(string operation, TimeSpan timeout, TimeSpan elapsed, int attempts, string? lastState)
        : this(operation, timeout, elapsed, attempts, lastState, lastCallAnswered: true)
    {
    }

    /// <summary>Creates the exception, saying whether the status call the limit cut had been answered.</summary>
    internal StrategyWaitTimeoutException(string operation, TimeSpan timeout, TimeSpan elapsed, int attempts, string? lastState, bool lastCallAnswered)
        : base(Describe(operation, timeout, elapsed, attempts, lastState, lastCallAnswered), null)
    {
        Operation = operation;
        Timeout = timeout;
        Elapsed = elapsed;
        Attempts = attempts;
        LastState = lastState;
        LastCallAnswered = lastCallAnswered || attempts == 0;
    }

    private StrategyWaitTimeoutException(string message, string operation, TimeSpan timeout, TimeSpan elapsed, int attempts, string? lastState, bool lastCallAnswered)
        : base(message, null)
    {
        Operation = operation;
        Timeout = timeout;
        Elapsed = elapsed;
        Attempts = attempts;
        LastState = lastState;
        LastCallAnswered = lastCallAnswered;
    }

    /// <summary>
    /// A time limit over work that is not a status wait (an export that reads pages, a file that
    /// downloads): what the calls were and how far the work got, in words, instead of a status.
    /// </summary>
    /// <param name="operation">What was being done, such as "report 5F2E…".</param>
    /// <param name="timeout">The time limit.</param>
    /// <param name="elapsed">How long it took.</param>
    /// <param name="calls">How many calls were made.</param>
    /// <param name="progress">How far it got, such as "20000 row(s) read".</param>
    /// <remarks>The limit cut a call that had not answered yet: <see cref="LastCallAnswered"/> is <see langword="false"/>.</remarks>
    internal static StrategyWaitTimeoutException OfCalls(string operation, TimeSpan timeout, TimeSpan elapsed, int calls, string progress) => new(
        $"Gave up on {operation} after {elapsed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and {calls.ToString(CultureInfo.InvariantCulture)} call{(calls == 1 ? string.Empty : "s")} "
            + $"(time limit {StrategyUnreachableException.Seconds(timeout)}); {progress}; the last call got no answer.",
        operation,
        timeout,
        elapsed,
        calls,
        progress,
        lastCallAnswered: false);

    /// <summary>The same time-out, after the work was stopped on the server (or an attempt was made) because the wait gave up.</summary>
    /// <param name="timeout">The time-out.</param>
    /// <param name="cancelledOnServer">Whether the server took the cancel.</param>
    /// <param name="cancelError">Why the cancel failed, when it did.</param>
    /// <param name="stopped">What was stopped, when it is not what was waited on (the jobs still running of many).</param>
    internal StrategyWaitTimeoutException(StrategyWaitTimeoutException timeout, bool cancelledOnServer, Exception? cancelError, string? stopped = null)
        : base(StrategyStop.Describe(timeout.Message.TrimEnd('.'), stopped ?? timeout.Operation, cancelledOnServer, cancelError), cancelError)
    {
        Operation = timeout.Operation;
        Timeout = timeout.Timeout;
        Elapsed = timeout.Elapsed;
        Attempts = timeout.Attempts;
        LastState = timeout.LastState;
        LastCallAnswered = timeout.LastCallAnswered;
        CancelledOnServer = cancelledOnServer;
    }

    /// <summary>What was being waited on.</summary>
    public string Operation { get; }

    /// <summary>
    /// For work the spec says can be stopped (a cube publish): whether it was cancelled on the
    /// server when the wait gave up. <see langword="null"/> for work that cannot be stopped, which
    /// may still finish.
    /// </summary>
    public bool? CancelledOnServer { get; }

    /// <summary>The time limit.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How long the wait took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many status calls were made.</summary>
    public int Attempts { get; }

    /// <summary>The last status seen (in words where the spec gives them), if any.</summary>
    public string? LastState { get; }

    /// <summary>
    /// Whether the server answered the last call before the limit: <see langword="true"/> when the
    /// work was still going by the server's own word; <see langword="false"/> when the limit cut a
    /// call the server never answered (the server stopped answering, whatever the work).
    /// </summary>
    public bool LastCallAnswered { get; }

    private static string Describe(string operation, TimeSpan timeout, TimeSpan elapsed, int attempts, string? lastState, bool lastCallAnswered)
    {
        var calls = attempts == 1 ? "1 status call" : attempts.ToString(CultureInfo.InvariantCulture) + " status calls";
        var last = lastState is null ? "no status was read" : "the last status was " + lastState;
        var cut = lastCallAnswered || attempts == 0 ? string.Empty : "; the last status call got no answer";
        return $"Gave up waiting for {operation} after {elapsed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and {calls} "
            + $"(time limit {StrategyUnreachableException.Seconds(timeout)}); {last}{cut}.";
    }
}
