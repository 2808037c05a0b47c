namespace Strategy.Generated;

/// <summary>What one status answer means, as the generated classifier reads it from the spec's declaration.</summary>
/// <param name="State">Running, succeeded, failed or skipped.</param>
/// <param name="Value">The status value as sent (<c>running</c>, <c>1</c>).</param>
/// <param name="Name">The name the spec gives the value (<c>canceled</c> for state 3), when it names them.</param>
/// <param name="Failures">Why it failed, when the status says.</param>
/// <param name="DeclaredWords">What the spec says the value means in words (<c>queued or running</c> for publish status 1), when it says.</param>
internal readonly record struct PollOutcome(StrategyOutcome State, string Value, string? Name, IReadOnlyList<StrategyFailure> Failures, string? DeclaredWords = null)
{
    /// <summary>
    /// The status for people, in words only: the spec's words for it (<c>queued or running</c>), else
    /// the name it gives the value (<c>canceled</c> for state 3), else the value as sent (<c>executing</c>).
    /// Cleaned and cut: a value as sent, or words made of several (<c>unloaded on all 2</c>), is the server's
    /// text on its way to progress lines, a time-out's message and a terminal.
    /// </summary>
    public string Words => ServerText.Clean(DeclaredWords ?? Name ?? Value) ?? string.Empty;

    public static PollOutcome Running(string value, string? name = null, string? words = null) => new(StrategyOutcome.Running, value, name, [], words);

    public static PollOutcome Succeeded(string value, string? name = null, string? words = null) => new(StrategyOutcome.Succeeded, value, name, [], words);

    public static PollOutcome Skipped(string value, string? name = null, string? words = null) => new(StrategyOutcome.Skipped, value, name, [], words);

    public static PollOutcome Failed(string value, string? name, IEnumerable<StrategyFailure> failures, string? words = null) => new(StrategyOutcome.Failed, value, name, failures.ToArray(), words);

    public static PollOutcome Failed(string value, IEnumerable<StrategyFailure> failures) => Failed(value, null, failures);
}
