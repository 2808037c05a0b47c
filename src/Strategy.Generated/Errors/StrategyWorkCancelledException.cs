namespace Strategy.Generated;

/// <summary>
/// The wait was cancelled (the caller's token), and the work it waited on was stopped on the
/// server too, or an attempt was made: <see cref="CancelledOnServer"/> says which. It is an
/// <see cref="OperationCanceledException"/> for the caller's token, so code that handles
/// cancellation keeps working.
/// </summary>
public sealed class StrategyWorkCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being waited on, such as <c>job 478:RU5W…</c>.</param>
    /// <param name="cancelledOnServer">Whether the server took the cancel.</param>
    /// <param name="cancelError">Why the cancel failed, when it did.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public StrategyWorkCancelledException(string operation, bool cancelledOnServer, Exception? cancelError, CancellationToken cancellationToken)
        : base(StrategyStop.Describe("The wait for " + (operation.Length == 0 ? "the work" : operation) + " was cancelled", operation, cancelledOnServer, cancelError), cancelError, cancellationToken)
    {
        Operation = operation;
        CancelledOnServer = cancelledOnServer;
    }

    /// <summary>Work cancelled while its start was on the way, whose answer never came: it may have started on the server, unseen.</summary>
    internal StrategyWorkCancelledException(string message, string operation, Exception? inner, CancellationToken cancellationToken)
        : base(message, inner, cancellationToken)
    {
        Operation = operation;
        CancelledOnServer = false;
    }

    /// <summary>What was being waited on.</summary>
    public string Operation { get; }

    /// <summary>Whether the work was cancelled on the server; when <see langword="false"/>, it may still be running there.</summary>
    public bool CancelledOnServer { get; }
}
