namespace Strategy.Generated;

/// <summary>
/// The delay before the next status call: exponential, but never more than the minimum delay plus
/// a tenth of the time waited so far (so work is seen done at most that late), jittered, clamped,
/// never below Retry-After.
/// </summary>
internal static class PollingDelay
{
    /// <summary>How late, as a share of the time waited so far, the end of the work may be noticed (beyond the minimum delay).</summary>
    internal const double DetectionShare = 0.1;

    /// <param name="attempt">The number of status calls made so far (1 after the first).</param>
    /// <param name="options">The wait options.</param>
    /// <param name="retryAfter">What the server asked for, if anything.</param>
    /// <param name="random">A number in [0, 1) for the jitter.</param>
    /// <param name="elapsed">How long the wait has run; <see langword="null"/> leaves the delay purely exponential.</param>
    public static TimeSpan Next(int attempt, StrategyWaitOptions options, TimeSpan? retryAfter, double random, TimeSpan? elapsed = null)
    {
        var exponent = Math.Max(0, attempt - 1);
        var baseMs = options.MinimumDelay.TotalMilliseconds * Math.Pow(options.BackoffMultiplier, exponent);
        if (elapsed is { } waited)
        {
            baseMs = Math.Min(baseMs, options.MinimumDelay.TotalMilliseconds + (DetectionShare * waited.TotalMilliseconds));
        }

        baseMs = Math.Min(baseMs, options.MaximumDelay.TotalMilliseconds);

        // Jitter takes away up to Jitter x the delay, so the maximum stays a maximum. Near the minimum
        // it adds instead (reflected above the minimum), so waits started together do not poll in lockstep.
        var minimumMs = options.MinimumDelay.TotalMilliseconds;
        var jittered = baseMs * (1 - (options.Jitter * random));
        var delayMs = jittered >= minimumMs ? jittered : Math.Min((2 * minimumMs) - jittered, Math.Max(options.MaximumDelay.TotalMilliseconds, minimumMs));
        var delay = TimeSpan.FromMilliseconds(delayMs);

        return retryAfter is { } floor && floor > delay ? floor : delay;
    }
}
