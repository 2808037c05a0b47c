namespace Strategy.Generated;

/// <summary>
/// The work left the server's monitor before its outcome was read, and nothing durable says how
/// it ended (the wait did not know what the job worked on, or that record could not be read). It is
/// neither a success nor a failure: check the object the work changed.
/// </summary>
public sealed class StrategyOutcomeUnknownException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being waited on, such as <c>job 478:RU5W…</c>.</param>
    /// <param name="reason">Why the outcome could not be confirmed.</param>
    /// <param name="innerException">The answer that said the work had left the monitor, or the failed confirmation.</param>
    public StrategyOutcomeUnknownException(string operation, string reason, Exception? innerException)
        : base($"{operation} left the server's monitor before its outcome was read, and {reason}: whether it succeeded is not known.", innerException)
    {
        Operation = operation;
        Reason = reason;
    }

    /// <summary>What was being waited on.</summary>
    public string Operation { get; }

    /// <summary>Why the outcome could not be confirmed.</summary>
    public string Reason { get; }
}
