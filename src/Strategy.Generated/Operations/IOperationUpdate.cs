namespace Strategy.Generated;

/// <summary>
/// One kind of long-running work, as the one waiter (<see cref="StrategyWaiter"/>) drives it
/// (Azure.Core's <c>IOperation</c>): it reads the server once and answers how the work stands; the
/// waiter owns the deadline, the delays, cancellation, progress, the span and failure recording.
/// </summary>
/// <typeparam name="T">The status the work answers.</typeparam>
internal interface IOperationUpdate<T>
    where T : class
{
    /// <summary>What runs, for messages (<c>job 478:RU5W…</c>).</summary>
    string Description { get; }

    /// <summary>Reads the server once.</summary>
    /// <param name="call">The tokens and options of this read.</param>
    /// <returns>How the work stands.</returns>
    Task<OperationState<T>> UpdateAsync(OperationCall call);

    /// <summary>The typed failure of a state that says the work failed.</summary>
    /// <param name="state">The failed state.</param>
    /// <returns>The exception the wait throws.</returns>
    Exception FailureOf(OperationState<T> state);
}
