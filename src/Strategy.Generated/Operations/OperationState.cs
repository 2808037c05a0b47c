namespace Strategy.Generated;

/// <summary>
/// How an operation stands after one read of the server (Azure.Core's <c>OperationState</c>): still
/// running with its progress, ended (succeeded, skipped) with its value, or failed with its reasons.
/// The one waiter (<see cref="StrategyWaiter"/>) decides from it what happens next.
/// </summary>
/// <typeparam name="T">The status the operation reads, and answers once it has ended.</typeparam>
/// <param name="Status">The status read; <see langword="null"/> when the server had none yet.</param>
/// <param name="Outcome">What the status says, with its words.</param>
/// <param name="Step">What the read found beyond the status (the run before the start, no status yet, a confirmed vanish).</param>
/// <param name="RetryAfter">How long the server asked to be left before the next read (a floor on the delay), if it said.</param>
internal readonly record struct OperationState<T>(T? Status, PollOutcome Outcome, OperationStep Step = OperationStep.Read, TimeSpan? RetryAfter = null)
    where T : class
{
    /// <summary>How soon the next read is due at the latest (work of the operation's own that falls due then, such as a resubmission), if it is.</summary>
    public TimeSpan? ReadWithin { get; init; }

    /// <summary>Whether the caller sees this read as a status of the work (progress), not a status from before it or none at all.</summary>
    public bool IsShown => Step is OperationStep.Read or OperationStep.Confirmed && Status is not null;

    /// <summary>What the span records of this read.</summary>
    public string SpanValue => Step switch
    {
        OperationStep.PreviousRun => "previous_run",
        OperationStep.NoStatusYet => "no_status",
        OperationStep.Confirmed => "vanished",
        _ => Outcome.Value,
    };
}
