namespace Strategy.Generated;

/// <summary>The delay before the next status call: exponential, jittered, clamped, never below Retry-After.</summary>
internal static class PollingDelay
{
    /// <param name="attempt">The number of status calls made so far (1 after the first).</param>
    /// <param name="options">The wait options.</param>
    /// <param name="retryAfter">What the server asked for, if anything.</param>
    /// <param name="random">A number in [0, 1) for the jitter.</param>
    public static TimeSpan Next(int attempt, StrategyWaitOptions options, TimeSpan? retryAfter, double random)
    {
        var exponent = Math.Max(0, attempt - 1);
        var baseMs = options.MinimumDelay.TotalMilliseconds * Math.Pow(options.BackoffMultiplier, exponent);
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
