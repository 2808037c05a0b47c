namespace Strategy.Generated;

/// <summary>One reason the server gave for failed work.</summary>
/// <param name="Subject">What failed (a table id, for example), when the server said.</param>
/// <param name="Code">The error code, when the server sent one.</param>
/// <param name="Message">The error message.</param>
public sealed record StrategyFailure(string? Subject, string? Code, string? Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Join(" ", new[] { Subject is null ? null : Subject + ":", Code, Message }.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>Failures as one clause of a sentence: each without its own closing period, joined with semicolons.</summary>
    internal static string Join(IEnumerable<StrategyFailure> failures) => string.Join("; ", failures.Select(f => f.ToString().TrimEnd('.', ' ')));
}
