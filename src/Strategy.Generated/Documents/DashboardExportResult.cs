namespace Strategy.Generated;

/// <summary>What a dashboard export wrote.</summary>
/// <param name="DashboardId">The dashboard.</param>
/// <param name="Format">The file's format.</param>
/// <param name="Visualization">The visualization exported, or <see langword="null"/> for the whole dashboard.</param>
/// <param name="Bytes">How many bytes were written.</param>
public sealed record DashboardExportResult(string DashboardId, DashboardExportFormat Format, string? Visualization, long Bytes);
