namespace Strategy.Generated;

/// <summary>
/// One workflow's time limit as the caller gave it, and when it started: every part of the
/// workflow (the calls that start the work, the wait, a scope's new resource) takes the time left
/// from it and reports the limit that was given, never a remainder. It reaches the waits a workflow
/// starts through the one channel of time limits (<see cref="TimeBudget"/>), never on the caller's options.
/// </summary>
internal sealed class StrategyDeadline
{
    private readonly long _started;

    private StrategyDeadline(TimeProvider clock, TimeSpan limit, long started)
    {
        Clock = clock;
        Limit = limit;
        _started = started;
    }

    /// <summary>The limit, as given.</summary>
    public TimeSpan Limit { get; }

    /// <summary>The clock it is measured on.</summary>
    public TimeProvider Clock { get; }

    /// <summary>How long the workflow has run.</summary>
    public TimeSpan Elapsed => Clock.GetElapsedTime(_started);

    /// <summary>How much of the limit is left (negative once it has passed).</summary>
    public TimeSpan Left => Limit - Elapsed;

    /// <summary>
    /// The one way to say this workflow's time is up: what was waited for, the limit as given, how
    /// long it really took, how many reads or calls were made and the last status seen.
    /// </summary>
    /// <param name="what">What was waited for (<c>job 478:RU5W…</c>).</param>
    /// <param name="attempts">How many reads (status calls) were made.</param>
    /// <param name="lastState">The last status seen, in words, if any.</param>
    /// <param name="lastCallAnswered">Whether the server answered the last read before the limit.</param>
    public StrategyWaitTimeoutException TimedOut(string what, int attempts, string? lastState, bool lastCallAnswered = true) =>
        new(what, Limit, Elapsed, attempts, lastState, lastCallAnswered);

    /// <summary>
    /// As <see cref="TimedOut"/>, for work that is not a status wait (an export that reads pages, a
    /// file that downloads): the calls made, and how far the work got in words instead of a status.
    /// </summary>
    /// <param name="what">What was being done (<c>report 5F2E…</c>).</param>
    /// <param name="calls">How many calls were made.</param>
    /// <param name="progress">How far it got (<c>20000 row(s) read</c>).</param>
    public StrategyWaitTimeoutException TimedOutInCalls(string what, int calls, string progress) =>
        StrategyWaitTimeoutException.OfCalls(what, Limit, Elapsed, calls, progress);

    /// <summary>A limit that starts now on <paramref name="clock"/>.</summary>
    public static StrategyDeadline Start(TimeProvider clock, TimeSpan limit) => new(clock, limit, clock.GetTimestamp());

    /// <summary>
    /// The deadline of a workflow started now with <paramref name="options"/>: the deadline of the
    /// workflow it runs within, if any (one limit for the whole); else the caller's
    /// <see cref="StrategyTimeLimit"/> when it ends first; else a new one from their <see cref="StrategyWaitOptions.Timeout"/>.
    /// </summary>
    public static StrategyDeadline Of(StrategyWaitOptions options) => TimeBudget.Current switch
    {
        { Owner: TimeBudgetOwner.Workflow } outer => outer.Deadline,
        { Owner: TimeBudgetOwner.Caller } caller when caller.Deadline.Left < options.Timeout => caller.Deadline,
        _ => Start(options.TimeProvider, options.Timeout),
    };
}
