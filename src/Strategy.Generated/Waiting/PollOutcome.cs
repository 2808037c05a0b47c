namespace Strategy.Generated;

/// <summary>What one status answer means, as the generated classifier reads it from the spec's declaration.</summary>
internal readonly record struct PollOutcome(PollState State, string Value, IReadOnlyList<StrategyFailure> Failures)
{
    public static PollOutcome Running(string value) => new(PollState.Running, value, []);

    public static PollOutcome Succeeded(string value) => new(PollState.Succeeded, value, []);

    public static PollOutcome Failed(string value, IEnumerable<StrategyFailure> failures) => new(PollState.Failed, value, failures.ToArray());
}

/// <summary>The three states every long-running operation can be in.</summary>
internal enum PollState
{
    Running,
    Succeeded,
    Failed,
}
