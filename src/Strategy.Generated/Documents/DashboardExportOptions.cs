namespace Strategy.Generated;

/// <summary>How a dashboard is exported: which visualization, the PDF's page, and the time limit.</summary>
public sealed record DashboardExportOptions
{
    /// <summary>The defaults: the whole dashboard, the server's page settings, a 10 minute limit.</summary>
    public static DashboardExportOptions Default { get; } = new();

    /// <summary>
    /// The visualization's key (such as <c>K52</c>): required for <see cref="DashboardExportFormat.Csv"/>;
    /// with <see cref="DashboardExportFormat.Pdf"/> only that visualization is exported.
    /// </summary>
    public string? Visualization { get; init; }

    /// <summary>The PDF's page, orientation and parts; the server's defaults when <see langword="null"/>.</summary>
    public DocumentPdfOptions? Pdf { get; init; }

    /// <summary>The time limit of the whole export: the instance, the file and its download. <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</summary>
    public StrategyWaitOptions? Wait { get; init; }

    internal void Validate(DashboardExportFormat format)
    {
        if (format == DashboardExportFormat.Csv && string.IsNullOrWhiteSpace(Visualization))
        {
            throw new ArgumentException("A CSV export is of one visualization: name its key (such as K52).");
        }

        if (format == DashboardExportFormat.Excel && Visualization is not null)
        {
            throw new ArgumentException("An Excel export is of the whole dashboard; leave the visualization out.");
        }

        (Wait ?? StrategyWaitOptions.Default).Validate();
    }
}
