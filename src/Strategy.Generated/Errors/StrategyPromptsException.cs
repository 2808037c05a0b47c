namespace Strategy.Generated;

/// <summary>
/// A report's prompts cannot be answered from what was given: a required prompt has no answer, or an
/// answer names no prompt of the report. Thrown before any data is read; the report's instance is
/// left to end with the session.
/// </summary>
public sealed class StrategyPromptsException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reportId">The report.</param>
    /// <param name="missing">The required prompts without an answer, by name.</param>
    /// <param name="unknown">The answers' names that match no prompt.</param>
    /// <param name="available">Every prompt of the report, by name.</param>
    public StrategyPromptsException(string reportId, IReadOnlyList<string> missing, IReadOnlyList<string> unknown, IReadOnlyList<string> available)
        : base(Describe(reportId, missing, unknown, available), null)
    {
        ReportId = reportId;
        MissingPrompts = missing;
        UnknownPrompts = unknown;
    }

    /// <summary>The report.</summary>
    public string ReportId { get; }

    /// <summary>The required prompts that have no answer, by name.</summary>
    public IReadOnlyList<string> MissingPrompts { get; }

    /// <summary>The names given an answer that match no prompt of the report.</summary>
    public IReadOnlyList<string> UnknownPrompts { get; }

    private static string Describe(string reportId, IReadOnlyList<string> missing, IReadOnlyList<string> unknown, IReadOnlyList<string> available)
    {
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"report {reportId} needs an answer to {Names(missing)} (required)");
        }

        if (unknown.Count > 0)
        {
            parts.Add($"report {reportId} has no prompt {Names(unknown)}; its prompts are {(available.Count == 0 ? "none" : Names(available))}");
        }

        var text = string.Join("; ", parts);
        return char.ToUpperInvariant(text[0]) + text.Substring(1) + ". No data was read.";
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + ServerText.Clean(n)! + "'"));
}
