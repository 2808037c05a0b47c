namespace Strategy.Generated;

/// <summary>
/// One time limit for everything a piece of code does with the server: every call and every
/// workflow helper started in this async flow until the scope is disposed ends by then, with the
/// typed failure it would have at its own limit (<see cref="StrategyUnreachableException"/> for a
/// call, the workflow's own failures for a helper), and reports this limit as given. Each call's
/// <see cref="StrategyClientOptions.Timeout"/> and each helper's <see cref="StrategyWaitOptions.Timeout"/>
/// still apply when they are shorter. Clean-up (deleting an instance) keeps its own limit.
/// </summary>
/// <example>
/// <code>
/// using (StrategyTimeLimit.Begin(TimeSpan.FromMinutes(5)))
/// {
///     await subscriptions.SendSubscriptionAndWaitAsync(id);   // the login, the send and the wait: five minutes in all
/// }
/// </code>
/// </example>
public sealed class StrategyTimeLimit : IDisposable
{
    private readonly StrategyDeadline _deadline;
    private readonly TimeBudget.Scope _scope;
    private bool _disposed;

    private StrategyTimeLimit(StrategyDeadline deadline)
    {
        _deadline = deadline;

        // The outer limit stays in force when it ends first.
        var outer = TimeBudget.Current;
        _scope = TimeBudget.Use(outer is { Owner: TimeBudgetOwner.Caller } && outer.Deadline.Left < deadline.Limit ? outer.Deadline : deadline, TimeBudgetOwner.Caller);
    }

    /// <summary>The limit, as given.</summary>
    public TimeSpan Limit => _deadline.Limit;

    /// <summary>How much of it is left (negative once it has passed).</summary>
    public TimeSpan Left => _deadline.Left;

    /// <summary>Bounds what the code until <see cref="Dispose"/> does with the server by <paramref name="limit"/> (a shorter outer limit still holds).</summary>
    /// <param name="limit">The time limit.</param>
    /// <returns>The scope; dispose it to end the limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public static StrategyTimeLimit Begin(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        return new StrategyTimeLimit(StrategyDeadline.Start(TimeProvider.System, limit));
    }

    /// <summary>Ends the limit; the outer one, if any, holds again.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _scope.Dispose();
        }
    }
}
