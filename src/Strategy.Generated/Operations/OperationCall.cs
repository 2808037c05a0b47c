namespace Strategy.Generated;

/// <summary>What the one waiter hands an operation's update step for one read.</summary>
/// <param name="Options">The wait's options, carrying its deadline, for a wait the read runs itself.</param>
/// <param name="WaitToken">The caller's cancellation only, for a wait the read runs itself (confirming a vanished status), which keeps its own limit.</param>
/// <param name="CallToken">Cancels the read: the caller's cancellation, or the wait's time limit (plus a last-call grace).</param>
internal readonly record struct OperationCall(StrategyWaitOptions Options, CancellationToken WaitToken, CancellationToken CallToken)
{
    /// <summary>Which read of the wait this is (1 for the first; 0 for a single check).</summary>
    public int Attempt { get; init; }

    /// <summary>How long the wait has run when this read starts.</summary>
    public TimeSpan Elapsed { get; init; }
}
