namespace Strategy.Generated;

/// <summary>What one status answer means, as the generated classifier reads it from the spec's declaration.</summary>
/// <param name="State">Running, succeeded, failed or skipped.</param>
/// <param name="Value">The status value as sent (<c>running</c>, <c>1</c>).</param>
/// <param name="Name">The name the spec gives the value (<c>canceled</c> for state 3), when it names them.</param>
/// <param name="Failures">Why it failed, when the status says.</param>
internal readonly record struct PollOutcome(StrategyOutcome State, string Value, string? Name, IReadOnlyList<StrategyFailure> Failures)
{
    public static PollOutcome Running(string value, string? name = null) => new(StrategyOutcome.Running, value, name, []);

    public static PollOutcome Succeeded(string value, string? name = null) => new(StrategyOutcome.Succeeded, value, name, []);

    public static PollOutcome Skipped(string value, string? name = null) => new(StrategyOutcome.Skipped, value, name, []);

    public static PollOutcome Failed(string value, string? name, IEnumerable<StrategyFailure> failures) => new(StrategyOutcome.Failed, value, name, failures.ToArray());

    public static PollOutcome Failed(string value, IEnumerable<StrategyFailure> failures) => Failed(value, null, failures);
}
