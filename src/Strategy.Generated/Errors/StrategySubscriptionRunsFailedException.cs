namespace Strategy.Generated;

/// <summary>
/// Some of the subscription runs an event started failed (or were canceled or timed out on the
/// server). <see cref="Runs"/> holds every run's outcome, the successful ones included.
/// </summary>
public sealed class StrategySubscriptionRunsFailedException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What started the runs, such as <c>event 4C5E… 'Personal View refresh'</c>.</param>
    /// <param name="runs">Every run's outcome.</param>
    public StrategySubscriptionRunsFailedException(string what, IReadOnlyList<StrategySubscriptionRun> runs)
        : base(Describe(what, runs), null)
    {
        Runs = runs;
    }

    /// <summary>Every run's outcome.</summary>
    public IReadOnlyList<StrategySubscriptionRun> Runs { get; }

    /// <summary>The runs that failed.</summary>
    public IReadOnlyList<StrategySubscriptionRun> Failed => Runs.Where(r => r.Outcome == StrategyOutcome.Failed).ToList();

    private static string Describe(string what, IReadOnlyList<StrategySubscriptionRun> runs)
    {
        var failed = runs.Where(r => r.Outcome == StrategyOutcome.Failed).ToList();
        return $"{failed.Count} of the {runs.Count} subscription runs that {what} started did not succeed: {string.Join(" | ", failed)}.";
    }
}
