namespace Strategy.Generated;

/// <summary>How a report is exported: its prompts' answers, the page size, which values, and the time limit.</summary>
public sealed record ReportExportOptions
{
    /// <summary>The defaults: no answers, pages of 5,000 rows, raw values, a 10 minute limit.</summary>
    public static ReportExportOptions Default { get; } = new();

    /// <summary>
    /// Answers to the report's prompts, by prompt name, key or id (case-insensitive): a text (or
    /// number) answers a value prompt; a list of element ids (<c>h1;8D679D37…</c>) answers an
    /// elements prompt. An optional prompt without an answer takes its default.
    /// </summary>
    public IReadOnlyDictionary<string, object> Prompts { get; init; } = new Dictionary<string, object>();

    /// <summary>How many rows each page asks for. Default 5,000: large enough to be fast, small enough for the server's time limits.</summary>
    public int PageSize { get; init; } = 5000;

    /// <summary>Raw (the default) or formatted metric values.</summary>
    public ReportValues Values { get; init; } = ReportValues.Raw;

    /// <summary>The time limit and polling of the whole export: the report's run, its prompts and every page. <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</summary>
    public StrategyWaitOptions? Wait { get; init; }

    internal void Validate()
    {
        if (PageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "The page size must be at least 1 row.");
        }

        (Wait ?? StrategyWaitOptions.Default).Validate();
    }
}
