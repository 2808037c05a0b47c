using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Strategy.Generated;

/// <summary>Exports a report's grid, page by page, with its prompts answered.</summary>
public partial interface IReportsClient
{
    /// <summary>
    /// Runs a report, answers its prompts, waits until its data is ready (202 while it runs, honouring
    /// <c>Retry-After</c>) and writes its grid to <paramref name="destination"/> as RFC 4180 CSV (UTF-8,
    /// CRLF): one header row from the definition (each attribute form, then each metric), then every row,
    /// a page at a time. Memory stays flat whatever the size; the time limit
    /// (<see cref="ReportExportOptions.Wait"/>) covers the whole export.
    /// </summary>
    /// <param name="reportId">The report.</param>
    /// <param name="destination">Where the CSV goes; written and flushed page by page, left open.</param>
    /// <param name="options">Prompt answers, page size, values and time limit; <see cref="ReportExportOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives the rows written after every page.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The columns and how many rows were written.</returns>
    /// <exception cref="StrategyPromptsException">A required prompt has no answer, or an answer names no prompt; no data was read.</exception>
    /// <exception cref="StrategyApiException">The server refused a call, such as a wrong answer to a prompt (its message says why).</exception>
    /// <exception cref="StrategyWaitTimeoutException">The time limit passed; the rows written so far are in <paramref name="destination"/>.</exception>
    /// <exception cref="StrategyExportException">A page did not fit the grid's definition.</exception>
    Task<ReportExportResult> ExportReportAsync(string reportId, Stream destination, ReportExportOptions? options = null, IProgress<ReportExportProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows of a report's grid, streamed a page at a time, as <see cref="ExportReportAsync"/> reads
    /// them (prompts, waiting, time limit and errors alike).
    /// </summary>
    /// <param name="reportId">The report.</param>
    /// <param name="options">Prompt answers, page size, values and time limit; <see cref="ReportExportOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives the rows read after every page.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The rows, each with the grid's columns.</returns>
    IAsyncEnumerable<ReportRow> EnumerateReportRowsAsync(string reportId, ReportExportOptions? options = null, IProgress<ReportExportProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Exports a report's grid, page by page, with its prompts answered.</summary>
public partial class ReportsClient
{
    // The status of an instance whose prompts wait for answers (the spec's x-strategy-input says so too).
    private const int PromptsWaiting = 2;

    /// <inheritdoc/>
    public virtual async Task<ReportExportResult> ExportReportAsync(string reportId, Stream destination, ReportExportOptions? options = null, IProgress<ReportExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= ReportExportOptions.Default;
        options.Validate();
        using var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }, leaveOpen: true);
        IReadOnlyList<string>? columns = null;
        long rows = 0;
        await foreach (var page in ReadPagesAsync(reportId, options, progress, cancellationToken).ConfigureAwait(false))
        {
            if (columns is null)
            {
                columns = page.Columns;
                foreach (var column in columns)
                {
                    csv.WriteField(column);
                }

                csv.NextRecord();
            }

            foreach (var row in page.Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
                rows++;
            }

            // Each page reaches the destination before the next is read: memory holds one page, never the report.
            await csv.FlushAsync().ConfigureAwait(false);
            await text.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ReportExportResult(reportId, columns ?? [], rows);
    }

    /// <inheritdoc/>
    public virtual async IAsyncEnumerable<ReportRow> EnumerateReportRowsAsync(string reportId, ReportExportOptions? options = null, IProgress<ReportExportProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        options ??= ReportExportOptions.Default;
        options.Validate();
        await foreach (var page in ReadPagesAsync(reportId, options, progress, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                yield return new ReportRow(page.Columns, row);
            }
        }
    }

    /// <summary>The export's pages: the instance run to its prompts, answered, waited on, then read page by page under one time limit.</summary>
    private async IAsyncEnumerable<ReportPageRows> ReadPagesAsync(string reportId, ReportExportOptions options, IProgress<ReportExportProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var run = WorkflowRun.Start(StrategyWorkflow.Named("ExportReport", StrategyWorkflow.Tag("strategy.report_id", reportId)), options.Wait);
        var export = "report " + reportId;
        var deadline = run.Deadline;
        using var limit = Timers.CancelAfter(deadline.Clock, deadline.Left);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var state = new ExportState(export, deadline, limit, cancellationToken);
        var instanceId = await state.GuardAsync(ct => PrepareAsync(reportId, options, run, ct), linked.Token).ConfigureAwait(false);

        ReportGridReader? reader = null;
        var offset = 0;
        while (true)
        {
            var at = offset;
            var page = await state.GuardAsync(ct => GetReportInstanceAsync(reportId, instanceId, at, options.PageSize, cancellationToken: ct), linked.Token).ConfigureAwait(false);
            if (page.Status == PromptsWaiting)
            {
                throw new StrategyExportException(export, "the server still waits for answers to the report's prompts.");
            }

            reader ??= ReportGridReader.Of(export, page, options.Values);
            var rows = reader.Rows(page).ToList();
            offset += rows.Count;
            state.Rows = offset;
            var total = page.Data?.Paging?.Total ?? offset;
            yield return new ReportPageRows(reader.Columns, rows);
            progress?.Report(new ReportExportProgress(offset, total));
            if (rows.Count == 0 || offset >= total)
            {
                run.Span.Outcome("exported");
                yield break;
            }
        }
    }

    /// <summary>Runs the report to its prompts, answers them, and waits until its data is ready; answers the instance.</summary>
    private async Task<string> PrepareAsync(string reportId, ReportExportOptions options, WorkflowRun run, CancellationToken cancellationToken)
    {
        // The spec declares both steps: the start that stops for prompts (x-strategy-input) and the wait on the HTTP status (x-strategy-wait).
        // Prompts can be nested: the helper answers round after round while the instance still waits.
        var answered = false;
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new List<string>();
        HashSet<string>? previouslyOpen = null;
        var created = await CreateReportInstanceAnsweredAsync(
            reportId,
            (prompts, _) =>
            {
                answered = true;
                var listed = prompts.Where(p => p is not null).ToList();
                seen.AddRange(listed.Select(p => p.Name ?? p.Key ?? p.Id ?? "?").Where(name => !seen.Contains(name)));
                var open = listed.Where(p => p.Closed != true).Select(p => p.Key ?? p.Id ?? p.Name ?? "?").ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (previouslyOpen is not null && open.SetEquals(previouslyOpen))
                {
                    // The same prompts wait again after they were answered: answering again would not close them.
                    throw new StrategyExportException("report " + reportId, "the server still waits for answers to its prompts after they were answered.");
                }

                previouslyOpen = open;
                return Task.FromResult(ReportPromptAnswers.MatchRound(reportId, prompts, options.Prompts, used));
            },
            body: new ReportInstanceRequest(),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var instanceId = created.InstanceId ?? throw new StrategyExportException("report " + reportId, "the server answered no instance.");
        if (!answered && options.Prompts.Count > 0)
        {
            throw new StrategyPromptsException(reportId, [], [.. options.Prompts.Keys], []);
        }

        // An answer that named no prompt of any round.
        if (options.Prompts.Keys.Where(name => !used.Contains(name)).ToList() is { Count: > 0 } unknown)
        {
            throw new StrategyPromptsException(reportId, [], unknown, seen);
        }

        var ready = await AwaitReportDataAsync(reportId, instanceId, run.Options, null, cancellationToken).ConfigureAwait(false);
        if (ready.Result?.Status == PromptsWaiting)
        {
            // Ready by its HTTP status, yet still waiting: a prompt the answers did not reach (one nested in another).
            throw new StrategyExportException("report " + reportId, "the server still waits for answers to its prompts after they were answered.");
        }

        return instanceId;
    }

    /// <summary>One page's rows with the grid's columns.</summary>
    private sealed record ReportPageRows(IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows);

    /// <summary>What the time limit needs to say where an export stood when it passed.</summary>
    private sealed class ExportState(string export, StrategyDeadline deadline, CancellationTokenSource limit, CancellationToken cancellationToken)
    {
        private int _calls;

        public long Rows { get; set; }

        public async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken token)
        {
            _calls++;
            try
            {
                return await call(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw deadline.TimedOutInCalls(export, _calls, Rows.ToString(System.Globalization.CultureInfo.InvariantCulture) + " row(s) read");
            }
        }
    }
}
