namespace Strategy.Generated;

/// <summary>How far an export has got, reported after every page.</summary>
/// <param name="Rows">The rows written so far.</param>
/// <param name="Total">The rows the grid has, as the server counts them.</param>
public readonly record struct ReportExportProgress(long Rows, long Total);
