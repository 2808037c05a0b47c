namespace Strategy.Generated;

/// <summary>
/// Delays and time limits on a <see cref="TimeProvider"/>: built into .NET 8, an extension from
/// Microsoft.Bcl.TimeProvider on .NET Standard 2.0. Tests drive both with a fake clock.
/// </summary>
internal static class Timers
{
    /// <summary>Completes after <paramref name="delay"/> on <paramref name="clock"/>, or is cancelled.</summary>
    public static Task Delay(TimeProvider clock, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, clock, cancellationToken);
#else
        clock.Delay(delay, cancellationToken);
#endif

    /// <summary>A source that cancels itself after <paramref name="limit"/> on <paramref name="clock"/>.</summary>
    public static CancellationTokenSource CancelAfter(TimeProvider clock, TimeSpan limit) =>
#if NET8_0_OR_GREATER
        new(limit, clock);
#else
        clock.CreateCancellationTokenSource(limit);
#endif

    /// <summary>
    /// Cancels <paramref name="source"/> (a source linked to the caller's token, say) after
    /// <paramref name="limit"/> on <paramref name="clock"/>: one source for both, where a source of its
    /// own for the limit would cost a second source and a second registration on every call.
    /// </summary>
    /// <returns>The timer to dispose before <paramref name="source"/>, or <see langword="null"/> when none was made (no limit, or the system clock, whose timer the source owns).</returns>
    public static ITimer? CancelAfter(CancellationTokenSource source, TimeProvider clock, TimeSpan limit)
    {
        if (limit == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        if (clock == TimeProvider.System)
        {
            source.CancelAfter(limit);
            return null;
        }

        return clock.CreateTimer(static s => CancelQuietly((CancellationTokenSource)s!), source, limit, Timeout.InfiniteTimeSpan);
    }

    // A timer's last tick may race the source's disposal: a disposed source has nothing left to cancel.
    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
