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

    /// <summary>The most of one failure a message shows: the server's words are cut there.</summary>
    private const int MaxShown = 500;

    /// <summary>Failures as one clause of a sentence: each cleaned of control characters and cut short (the server's text), without its own closing period, joined with semicolons.</summary>
    internal static string Join(IEnumerable<StrategyFailure> failures) => string.Join("; ", failures.Select(f => (ServerText.Clean(f.ToString(), MaxShown) ?? string.Empty).TrimEnd('.', ' ')));
}
