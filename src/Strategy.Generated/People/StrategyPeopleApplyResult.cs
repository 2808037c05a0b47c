namespace Strategy.Generated;

/// <summary>How applying a plan ended: one outcome per person of the plan, in the plan's order.</summary>
public sealed class StrategyPeopleApplyResult
{
    internal StrategyPeopleApplyResult(IReadOnlyList<StrategyPersonOutcome> outcomes, bool timeLimitReached, bool stopped)
    {
        Outcomes = outcomes;
        TimeLimitReached = timeLimitReached;
        Stopped = stopped;
    }

    /// <summary>Every person's outcome.</summary>
    public IReadOnlyList<StrategyPersonOutcome> Outcomes { get; }

    /// <summary>Whether the time limit stopped new changes from starting.</summary>
    public bool TimeLimitReached { get; }

    /// <summary>Whether the caller's token stopped new changes from starting.</summary>
    public bool Stopped { get; }

    /// <summary>Whether every person is as planned.</summary>
    public bool Succeeded => Outcomes.All(o => o.Succeeded);

    /// <summary>The people whose change failed or was refused.</summary>
    public IEnumerable<StrategyPersonOutcome> Failures => Outcomes.Where(o => o.State == StrategyPersonOutcomeState.Failed);

    /// <summary>The people whose change was never started.</summary>
    public IEnumerable<StrategyPersonOutcome> NotStarted => Outcomes.Where(o => o.State == StrategyPersonOutcomeState.NotStarted);

    /// <summary>The counts, in words.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Outcomes.Count(o => o.State == StrategyPersonOutcomeState.Done)} done, {Outcomes.Count(o => o.State == StrategyPersonOutcomeState.Unchanged)} unchanged, "
        + $"{Failures.Count()} failed, {NotStarted.Count()} not started";
}
