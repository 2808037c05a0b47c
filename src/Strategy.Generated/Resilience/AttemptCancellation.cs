namespace Strategy.Generated.Http;

/// <summary>
/// The cancellation of a call's first attempt: the caller's token, and the attempt timeout on the
/// handler's clock. On the system clock a source is reset and kept for the thread's next call, as
/// Polly's timeout keeps its sources: a call that needs no retry then allocates neither a linked
/// source nor a timer of its own (the per-call allocation bound of <c>CallShapeBenchmarks</c>).
/// </summary>
internal static class AttemptCancellation
{
#if NET6_0_OR_GREATER
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;
#endif

    /// <summary>A source cancelled by the caller's token or when <paramref name="timeout"/> has passed; give it back with <see cref="Return"/>.</summary>
    public static CancellationTokenSource Rent(TimeProvider clock, TimeSpan timeout, CancellationToken caller, out CancellationTokenRegistration link, out ITimer? timer)
    {
#if NET6_0_OR_GREATER
        if (clock == TimeProvider.System)
        {
            var source = t_spare ?? new CancellationTokenSource();
            t_spare = null;
            link = caller.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source);
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                source.CancelAfter(timeout);
            }

            timer = null;
            return source;
        }
#endif

        // A clock of the caller's (a test's): its timer may still fire after the attempt, so the source is never reused.
        var linked = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
        link = default;
        timer = Timers.CancelAfter(linked, clock, timeout);
        return linked;
    }

    /// <summary>Ends the link and the timer; keeps the source for the next call when it was never cancelled.</summary>
    public static void Return(CancellationTokenSource source, CancellationTokenRegistration link, ITimer? timer, TimeProvider clock)
    {
        timer?.Dispose();

        // Waits for a cancellation the caller's token is running, so none reaches the source once it is reused.
        link.Dispose();
#if NET6_0_OR_GREATER
        if (clock == TimeProvider.System && source.TryReset())
        {
            t_spare = source;
            return;
        }
#endif
        source.Dispose();
    }
}
