namespace Strategy.Generated;

/// <summary>What an export wrote.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="Columns">The header row's columns.</param>
/// <param name="Rows">How many rows were written (the header row not counted).</param>
public sealed record ReportExportResult(string ReportId, IReadOnlyList<string> Columns, long Rows);
