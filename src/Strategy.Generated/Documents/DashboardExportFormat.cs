namespace Strategy.Generated;

/// <summary>The file a dashboard is exported to.</summary>
public enum DashboardExportFormat
{
    /// <summary>A PDF of the whole dashboard, or of one visualization.</summary>
    Pdf,

    /// <summary>An Excel workbook (.xlsx) of the whole dashboard.</summary>
    Excel,

    /// <summary>One visualization's data as CSV.</summary>
    Csv,
}
