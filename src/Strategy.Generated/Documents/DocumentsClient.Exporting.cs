namespace Strategy.Generated;

/// <summary>Exports a dashboard, or one of its visualizations, to a file.</summary>
public partial interface IDocumentsClient
{
    /// <summary>
    /// Opens an instance of a dashboard, exports it (or one visualization) as <paramref name="format"/>
    /// and copies the file to <paramref name="destination"/> as it arrives, then closes the instance.
    /// The file is checked to be what was asked for (a PDF, a workbook) before it is written on; an answer
    /// in base64 JSON, as some servers give, is decoded. The time limit
    /// (<see cref="DashboardExportOptions.Wait"/>) covers the instance, the export and the download.
    /// </summary>
    /// <param name="dashboardId">The dashboard (or document).</param>
    /// <param name="format">The file to export.</param>
    /// <param name="destination">Where the file goes; left open.</param>
    /// <param name="options">The visualization, the PDF's page and the time limit; <see cref="DashboardExportOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentException">A CSV export names no visualization, or an Excel export names one; nothing was sent.</exception>
    /// <exception cref="StrategyApiException">The server refused a call, such as an unknown visualization.</exception>
    /// <exception cref="StrategyExportException">The dashboard waits for prompts, or the file is not a file of the asked-for format.</exception>
    /// <exception cref="StrategyWaitTimeoutException">The time limit passed before the file was written whole.</exception>
    Task<DashboardExportResult> ExportDashboardAsync(string dashboardId, DashboardExportFormat format, Stream destination, DashboardExportOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>Exports a dashboard, or one of its visualizations, to a file.</summary>
public partial class DocumentsClient
{
    private const int InstanceWaitsForPrompts = 2;

    /// <inheritdoc/>
    public virtual async Task<DashboardExportResult> ExportDashboardAsync(string dashboardId, DashboardExportFormat format, Stream destination, DashboardExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dashboardId);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= DashboardExportOptions.Default;
        options.Validate(format);
        var export = options.Visualization is null ? "dashboard " + dashboardId : $"visualization {options.Visualization} of dashboard {dashboardId}";
        using var run = WorkflowRun.Start(StrategyWorkflow.Named("ExportDashboard", StrategyWorkflow.Tag("strategy.dashboard_id", dashboardId)), options.Wait);
        var deadline = run.Deadline;
        using var limit = Timers.CancelAfter(deadline.Clock, deadline.Left);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        string? instanceId = null;
        var calls = 0;
        try
        {
            calls++;
            var instance = await CreateDocumentInstanceAsync(dashboardId, new DocumentInstanceRequest(), linked.Token).ConfigureAwait(false);
            instanceId = instance.Mid ?? throw new StrategyExportException(export, "the server answered no instance.");
            StrategyCleanup.Notify(run.Options, InstanceOf(instanceId));
            if (instance.Status == InstanceWaitsForPrompts)
            {
                throw new StrategyExportException(export, "the dashboard waits for answers to its prompts; prompted dashboards are not exported yet.");
            }

            calls++;
            var bytes = await ExportFileAsync(dashboardId, instanceId, format, options, destination, linked.Token).ConfigureAwait(false);
            run.Span.Outcome("exported");
            return new DashboardExportResult(dashboardId, format, options.Visualization, bytes);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var error = deadline.TimedOutInCalls(export, calls, "the file was not written whole");
            run.Failed(error);
            throw error;
        }
        catch (Exception error)
        {
            run.Failed(error);
            throw;
        }
        finally
        {
            if (instanceId is not null)
            {
                // Whatever the export's outcome, on the one clean-up path: its own limit, its events. The
                // export's own outcome is what the caller needs; an instance left behind is reported, and ends with the session.
                await StrategyCleanup.CloseAsync(InstanceOf(instanceId), run.Options, ct => DeleteDocumentInstanceAsync(dashboardId, instanceId, ct), serverGone: false, cancellationToken.IsCancellationRequested).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The export call the format asks for; each is declared as a file answer (x-strategy-file), checked and copied as it arrives.</summary>
    private Task<long> ExportFileAsync(string dashboardId, string instanceId, DashboardExportFormat format, DashboardExportOptions options, Stream destination, CancellationToken cancellationToken) => format switch
    {
        DashboardExportFormat.Pdf when options.Visualization is { } key => ExportVisualizationPdfToAsync(dashboardId, instanceId, key, destination, options.Pdf ?? new DocumentPdfOptions(), cancellationToken),
        DashboardExportFormat.Pdf => ExportDocumentPdfToAsync(dashboardId, instanceId, destination, options.Pdf ?? new DocumentPdfOptions(), cancellationToken),
        DashboardExportFormat.Excel => ExportDocumentExcelToAsync(dashboardId, instanceId, destination, new DocumentExcelOptions(), cancellationToken),
        DashboardExportFormat.Csv => ExportVisualizationCsvToAsync(dashboardId, instanceId, options.Visualization!, destination, new VisualizationExportOptions(), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };

    /// <summary>The dashboard instance an export holds, as its scope events name it.</summary>
    private static StrategyScopeEvent InstanceOf(string instanceId) => new(StrategyScopeEventKind.Opened, "ExportDashboard", "instance", instanceId);
}
