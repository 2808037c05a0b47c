namespace Strategy.Generated;

/// <summary>
/// How the workflow helpers wait on long-running work (tasks, publishes). Every knob of the one
/// waiter lives here. The defaults fit a real server: the documented clients poll every
/// one to five seconds and give up after ten minutes.
/// </summary>
public sealed record StrategyWaitOptions
{
    /// <summary>The defaults.</summary>
    public static StrategyWaitOptions Default { get; } = new();

    /// <summary>The delay before the second status call; later delays grow from it. Default 1 s.</summary>
    public TimeSpan MinimumDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two status calls. Default 5 s.</summary>
    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How much each delay grows over the one before. Default 1.5.</summary>
    public double BackoffMultiplier { get; init; } = 1.5;

    /// <summary>The share of each delay that is random (0 to 1), so many waiters do not poll in step. Default 0.2.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>How long to wait in all before giving up with <see cref="StrategyWaitTimeoutException"/>. Default 10 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many status calls in a row may fail with a transient error (429, 5xx, a broken
    /// connection) before the wait gives up; the work on the server is not restarted. Default 5.
    /// </summary>
    public int MaxConsecutiveTransientFailures { get; init; } = 5;

    /// <summary>
    /// How long clean-up (such as deleting a data model instance) may take. Clean-up runs with
    /// its own time limit, not the caller's token, so it also runs after cancellation. A call that
    /// creates such a resource and is cancelled in flight also gets this long to answer, so that what
    /// the server made can be deleted. Default 30 s.
    /// </summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Called when clean-up failed (the resource may be left on the server until it expires).
    /// The same failure is the <see cref="StrategyScopeEventKind.CloseFailed"/> event of
    /// <see cref="ScopeChanged"/>, which also names the resource: use that. Kept, and still called,
    /// until the next major version.
    /// </summary>
    [Obsolete("Use ScopeChanged: its CloseFailed event carries the same error and names the resource left behind. CleanupFailed goes in the next major version.")]
    public Action<Exception>? CleanupFailed { get; init; }

    /// <summary>
    /// Called at each step in the life of the resource a scoped workflow holds (opened, reopening,
    /// closing, closed, close failed), for callers that must know what is on the server, such as a
    /// command line that is interrupted. Exceptions it throws are ignored.
    /// </summary>
    public Action<StrategyScopeEvent>? ScopeChanged { get; init; }

    /// <summary>The clock the wait measures its time limit with. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws when the options cannot work together.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumDelay, TimeSpan.Zero, nameof(MinimumDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumDelay, MinimumDelay, nameof(MaximumDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffMultiplier, 1.0, nameof(BackoffMultiplier));
        ArgumentOutOfRangeException.ThrowIfLessThan(Jitter, 0.0, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Jitter, 1.0, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConsecutiveTransientFailures, nameof(MaxConsecutiveTransientFailures));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CleanupTimeout, TimeSpan.Zero, nameof(CleanupTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
