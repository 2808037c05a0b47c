using Newtonsoft.Json;

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
            if (instance.Status == InstanceWaitsForPrompts)
            {
                throw new StrategyExportException(export, "the dashboard waits for answers to its prompts; prompted dashboards are not exported yet.");
            }

            calls++;
            using var file = await ExportFileAsync(dashboardId, instanceId, format, options, linked.Token).ConfigureAwait(false);
            var bytes = await FileCopy.CopyAsync(file, format, destination, export, linked.Token).ConfigureAwait(false);
            run.Span.Outcome("exported");
            return new DashboardExportResult(dashboardId, format, options.Visualization, bytes);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var error = new StrategyWaitTimeoutException(export, deadline.Limit, deadline.Elapsed, calls, "the file was not written whole");
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
                await CloseQuietlyAsync(dashboardId, instanceId).ConfigureAwait(false);
            }
        }
    }

    private Task<FileResponse> ExportFileAsync(string dashboardId, string instanceId, DashboardExportFormat format, DashboardExportOptions options, CancellationToken cancellationToken) => format switch
    {
        DashboardExportFormat.Pdf when options.Visualization is { } key => ExportVisualizationPdfAsync(dashboardId, instanceId, key, options.Pdf ?? new DocumentPdfOptions(), cancellationToken),
        DashboardExportFormat.Pdf => ExportDocumentPdfAsync(dashboardId, instanceId, options.Pdf ?? new DocumentPdfOptions(), cancellationToken),
        DashboardExportFormat.Excel => ExportDocumentExcelAsync(dashboardId, instanceId, new DocumentExcelOptions(), cancellationToken),
        DashboardExportFormat.Csv => ExportVisualizationCsvAsync(dashboardId, instanceId, options.Visualization!, new VisualizationExportOptions(), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };

    /// <summary>
    /// Closes the instance whatever the export's outcome, under a short limit of its own: the export's
    /// answer does not hang on a clean-up, and an instance left behind ends with the session.
    /// </summary>
    private async Task CloseQuietlyAsync(string dashboardId, string instanceId)
    {
        using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await DeleteDocumentInstanceAsync(dashboardId, instanceId, closing.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StrategyException or OperationCanceledException or HttpRequestException)
        {
            // The export's own outcome is what the caller needs; the instance expires with the session.
        }
    }

    /// <summary>Copies an exported file to its destination, checking it is the format asked for.</summary>
    private static class FileCopy
    {
        private const int BufferSize = 81920;

        public static async Task<long> CopyAsync(FileResponse file, DashboardExportFormat format, Stream destination, string export, CancellationToken cancellationToken)
        {
            if (IsJson(file))
            {
                return await CopyBase64Async(file.Stream, format, destination, export, cancellationToken).ConfigureAwait(false);
            }

            var buffer = new byte[BufferSize];
            long total = 0;
            var first = true;
            int read;
            while ((read = await ReadSomeAsync(file.Stream, buffer, first ? Signature(format).Length : 0, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (first)
                {
                    Check(buffer, read, format, export);
                    first = false;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
            }

            if (first)
            {
                throw new StrategyExportException(export, "the server answered an empty file.");
            }

            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return total;
        }

        /// <summary>Reads up to a buffer, but at least <paramref name="atLeast"/> bytes unless the file ends first (so the signature is seen whole).</summary>
        private static async Task<int> ReadSomeAsync(Stream source, byte[] buffer, int atLeast, CancellationToken cancellationToken)
        {
            var filled = 0;
            do
            {
                var read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
            while (filled < atLeast);
            return filled;
        }

        private static async Task<long> CopyBase64Async(Stream source, DashboardExportFormat format, Stream destination, string export, CancellationToken cancellationToken)
        {
            ExportedFile? answer;
            using (var reader = new StreamReader(source))
            {
                var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    answer = JsonConvert.DeserializeObject<ExportedFile>(text, StrategyJson.Settings);
                }
                catch (JsonException e)
                {
                    throw new StrategyExportException(export, "the server's answer is neither a file nor JSON that holds one.", e);
                }
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(answer?.Data ?? throw new StrategyExportException(export, "the server's JSON answer holds no file (no \"data\")."));
            }
            catch (FormatException e)
            {
                throw new StrategyExportException(export, "the server's JSON answer holds no valid base64 file.", e);
            }

            Check(bytes, bytes.Length, format, export);
            await destination.WriteAsync(bytes.AsMemory(), cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return bytes.Length;
        }

        private static bool IsJson(FileResponse file) =>
            file.Headers.TryGetValue("Content-Type", out var types) && types.Any(t => t.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));

        /// <summary>The first bytes every file of the format starts with: a PDF's header, a workbook's zip; none for CSV.</summary>
        private static byte[] Signature(DashboardExportFormat format) => format switch
        {
            DashboardExportFormat.Pdf => "%PDF-"u8.ToArray(),
            DashboardExportFormat.Excel => [0x50, 0x4B, 0x03, 0x04],
            _ => [],
        };

        private static void Check(byte[] bytes, int length, DashboardExportFormat format, string export)
        {
            var signature = Signature(format);
            if (length < signature.Length || !bytes.Take(signature.Length).SequenceEqual(signature))
            {
                var what = format == DashboardExportFormat.Pdf ? "a PDF" : "an Excel workbook";
                throw new StrategyExportException(export, $"the server answered a file that is not {what}.");
            }
        }
    }
}
