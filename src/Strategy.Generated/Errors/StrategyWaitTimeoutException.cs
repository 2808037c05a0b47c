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
    /// <param name="lastState">The last status value seen, if any.</param>
    public StrategyWaitTimeoutException(string operation, TimeSpan timeout, TimeSpan elapsed, int attempts, string? lastState)
        : base($"Gave up waiting for {operation} after {elapsed.TotalSeconds:0.#} s and {attempts} status call{(attempts == 1 ? "" : "s")} (time limit {timeout.TotalSeconds:0.#} s); {(lastState is null ? "no status was read" : "the last status was " + lastState)}.", null)
    {
        Operation = operation;
        Timeout = timeout;
        Elapsed = elapsed;
        Attempts = attempts;
        LastState = lastState;
    }

    /// <summary>What was being waited on.</summary>
    public string Operation { get; }

    /// <summary>The time limit.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How long the wait took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many status calls were made.</summary>
    public int Attempts { get; }

    /// <summary>The last status value seen, if any.</summary>
    public string? LastState { get; }
}
