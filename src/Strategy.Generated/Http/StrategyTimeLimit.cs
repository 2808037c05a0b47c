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
    private static readonly AsyncLocal<StrategyTimeLimit?> Ambient = new();

    private readonly StrategyTimeLimit? _outer;
    private readonly long _started;
    private bool _disposed;

    private StrategyTimeLimit(TimeSpan limit, StrategyTimeLimit? outer)
    {
        Limit = limit;
        _outer = outer;
        _started = TimeProvider.System.GetTimestamp();
    }

    /// <summary>The limit, as given.</summary>
    public TimeSpan Limit { get; }

    /// <summary>When the limit began, on the system clock.</summary>
    internal long Started => _started;

    /// <summary>How much of it is left (negative once it has passed).</summary>
    public TimeSpan Left => Limit - TimeProvider.System.GetElapsedTime(_started);

    /// <summary>The limit that bounds this async flow now: the one with the least time left, if any.</summary>
    internal static StrategyTimeLimit? Current => Ambient.Value;

    /// <summary>Bounds what the code until <see cref="Dispose"/> does with the server by <paramref name="limit"/> (a shorter outer limit still holds).</summary>
    /// <param name="limit">The time limit.</param>
    /// <returns>The scope; dispose it to end the limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public static StrategyTimeLimit Begin(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        var outer = Ambient.Value;
        var scope = new StrategyTimeLimit(limit, outer);

        // The outer limit stays in force when it ends first.
        Ambient.Value = outer is not null && outer.Left < limit ? outer : scope;
        return scope;
    }

    /// <summary>
    /// Hands the limit over to a workflow for the rest of this async flow: from here its own deadline
    /// (made from this limit when shorter) decides, so its calls are not cut by this limit as well.
    /// </summary>
    internal static void HandOver() => Ambient.Value = null;

    /// <summary>Ends the limit; the outer one, if any, holds again.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Ambient.Value = _outer;
        }
    }
}
