namespace Strategy.Generated;

/// <summary>
/// The server reports no status for this work, so it cannot be waited for: the object is set up in a
/// way the server does not report on (a subscription that delivers by a mode without a run status),
/// or the status call is switched off on this server ("This endpoint is disabled"). Raised before the
/// work is started: nothing was sent that changes anything. Start the work without waiting instead.
/// </summary>
public sealed class StrategyStatusUnavailableException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operationId">The operation that would have started the work, such as <c>SendSubscription</c>.</param>
    /// <param name="subject">The object, such as <c>subscription 0730…</c>.</param>
    /// <param name="reason">Why there is no status, in the user's terms.</param>
    /// <param name="innerException">The server's answer that said so, if it was an answer.</param>
    public StrategyStatusUnavailableException(string operationId, string subject, string reason, Exception? innerException = null)
        : base($"{operationId}: the server reports no status for {subject}, so it cannot be waited for: {reason}. Nothing was started; start it without waiting.", innerException)
    {
        OperationId = operationId;
        Subject = subject;
        Reason = reason;
    }

    /// <summary>The operation that would have started the work.</summary>
    public string OperationId { get; }

    /// <summary>The object the work is on.</summary>
    public string Subject { get; }

    /// <summary>Why the server reports no status for it.</summary>
    public string Reason { get; }
}
