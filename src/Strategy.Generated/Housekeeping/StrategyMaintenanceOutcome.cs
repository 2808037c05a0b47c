namespace Strategy.Generated;

/// <summary>How a maintenance window began or ended on a project: every step, each with its outcome.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Steps">Every step, in the order they were taken.</param>
public sealed record StrategyMaintenanceOutcome(string ProjectId, IReadOnlyList<StrategyMaintenanceStep> Steps)
{
    /// <summary>Whether every step ended as asked.</summary>
    public bool Succeeded => Steps.All(s => s.Succeeded);

    /// <summary>Whether the time limit ran out before every step was taken or every node settled: the steps not taken say so.</summary>
    public bool TimeLimitReached { get; init; }

    /// <summary>The steps that did not end as asked.</summary>
    public IEnumerable<StrategyMaintenanceStep> Failures => Steps.Where(s => !s.Succeeded);
}
