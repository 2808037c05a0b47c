namespace Strategy.Generated;

/// <summary>Who owns the time limit in force, which says who cuts the calls made under it.</summary>
internal enum TimeBudgetOwner
{
    /// <summary>The caller's <see cref="StrategyTimeLimit"/>: every call under it is cut by it, as unreachable.</summary>
    Caller,

    /// <summary>A workflow's one deadline: the workflow cuts its own calls (a typed time-out), and waits started within it share it.</summary>
    Workflow,

    /// <summary>A clean-up's own limit: it cuts its call itself, whatever limit was spent before it.</summary>
    Cleanup,
}

/// <summary>
/// The one channel through which a time limit reaches the code that runs under it: the caller's
/// <see cref="StrategyTimeLimit"/>, a workflow's deadline, or a clean-up's own limit, set for a scope
/// and restored when it ends. The HTTP handlers read it (the generated methods take no per-call
/// options, so it travels with the async call, as Azure.Core's message property scopes do); a
/// workflow reads it to take a caller's shorter limit or to share an outer workflow's. The caller's
/// options are never changed to carry it.
/// </summary>
internal sealed class TimeBudget
{
    private static readonly AsyncLocal<TimeBudget?> Ambient = new();

    private TimeBudget(StrategyDeadline deadline, TimeBudgetOwner owner)
    {
        Deadline = deadline;
        Owner = owner;
    }

    /// <summary>The limit and when it started.</summary>
    public StrategyDeadline Deadline { get; }

    /// <summary>Who cuts the calls made under it.</summary>
    public TimeBudgetOwner Owner { get; }

    /// <summary>The limit in force in this async flow, if any.</summary>
    public static TimeBudget? Current => Ambient.Value;

    /// <summary>Puts <paramref name="deadline"/> in force for <paramref name="owner"/> until the scope is disposed; the one before it holds again then.</summary>
    public static Scope Use(StrategyDeadline deadline, TimeBudgetOwner owner)
    {
        var previous = Ambient.Value;
        Ambient.Value = new TimeBudget(deadline, owner);
        return new Scope(previous);
    }

    /// <summary>The limit a call whose own is <paramref name="own"/> runs under: the caller's when that ends first (then reported as that limit), else its own.</summary>
    public static (TimeSpan Limit, TimeSpan Reported) ForCall(TimeSpan own)
    {
        // A workflow or a clean-up cuts its own calls: a second cut here would race its typed outcome.
        if (Ambient.Value is not { Owner: TimeBudgetOwner.Caller, Deadline: var caller })
        {
            return (own, own);
        }

        var left = caller.Left;
        return own == Timeout.InfiniteTimeSpan || left < own
            ? (left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), caller.Limit)
            : (own, own);
    }

    /// <summary>Restores the limit that was in force before.</summary>
    public readonly struct Scope(TimeBudget? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Ambient.Value = previous;
    }
}
