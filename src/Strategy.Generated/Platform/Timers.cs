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
}
