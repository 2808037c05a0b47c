using System.Collections;
using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Exports a report's grid, with its prompts answered, to a CSV file or to the pipeline.</summary>
/// <remarks>
/// <para>Export-StrategyReport runs a report, answers its prompts from -Prompt (by prompt name, key or id; an elements prompt takes an array of element ids), waits while the server runs it and reads its grid a page at a time. With -Path it writes RFC 4180 CSV (UTF-8): the header row is each attribute form (Region@ID, Region@DESC) and each metric; the file is written whole or not at all, so a failure or Ctrl+C leaves any earlier file of that name as it was. Without -Path it writes one object per row, with a property per column, streamed as the pages arrive. A required prompt without an answer is an InvalidArgument error naming it, before any data is read; a wrong answer is the server's InvalidArgument error in its words; a page that does not fit its grid is InvalidData.</para>
/// </remarks>
/// <example>
/// <code>Export-StrategyReport CAEA8B8B4D4B7F3C9E2A5D1F0B6C7A81 -Path sales.csv</code>
/// <para>Writes the report's grid to sales.csv.</para>
/// </example>
/// <example>
/// <code>Export-StrategyReport $id -Prompt @{ 'Minimum revenue' = 1000; Regions = 'h1;8D679D3711D3E4981000E787EC6DE8A4' } | Where-Object Revenue -gt 1200</code>
/// <para>Answers the report's prompts and filters its rows in the pipeline.</para>
/// </example>
[Cmdlet(VerbsData.Export, "StrategyReport")]
[OutputType(typeof(PSObject), typeof(FileInfo))]
public sealed class ExportStrategyReportCommand : StrategyCmdlet
{
    /// <summary>The report.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ReportId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = null!;

    /// <summary>The CSV file to write; without it, the rows go to the pipeline.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The prompts' answers, by prompt name, key or id.</summary>
    [Parameter]
    public Hashtable? Prompt { get; set; }

    /// <summary>Rows per page read from the server (default 5000).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int PageSize { get; set; } = ReportExportOptions.Default.PageSize;

    /// <summary>Write the metrics as the server formats them instead of their raw values.</summary>
    [Parameter]
    public SwitchParameter Formatted { get; set; }

    /// <summary>With -Path, write the file's FileInfo once it is whole.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var reports = Server.Client<ReportsClient>();
        var options = new ReportExportOptions
        {
            Prompts = Answers(Prompt),
            PageSize = PageSize,
            Values = Formatted ? ReportValues.Formatted : ReportValues.Raw,
            Wait = Waits(),
        };
        var progress = new RowProgress(this, "Exporting report " + Id);
        if (Path is null)
        {
            RunEach(token => RowsAsync(reports.EnumerateReportRowsAsync(Id, options, progress, token)));
            return;
        }

        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var result = Run(token => WholeFile.WriteAsync(path, destination => reports.ExportReportAsync(Id, destination, options, progress, token)));
        WriteVerbose(FormattableString.Invariant($"Exported {result.Rows} row(s) of {result.Columns.Count} column(s) of report {Id} to {path}."));
        if (PassThru)
        {
            WriteObject(new FileInfo(path));
        }
    }

    private static async IAsyncEnumerable<PSObject> RowsAsync(IAsyncEnumerable<ReportRow> rows)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            yield return Row(row);
        }
    }

    private static PSObject Row(ReportRow row)
    {
        var item = new PSObject();
        for (var i = 0; i < row.Columns.Count; i++)
        {
            item.Properties.Add(new PSNoteProperty(row.Columns[i], row.Values[i]));
        }

        return item;
    }

    /// <summary>The answers as the library takes them: PowerShell's wrappers taken off, arrays as lists.</summary>
    private static Dictionary<string, object> Answers(Hashtable? given)
    {
        var answers = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in given ?? new Hashtable())
        {
            var value = Unwrap(entry.Value);
            answers[Unwrap(entry.Key)?.ToString() ?? string.Empty] = value is IEnumerable list and not string
                ? list.Cast<object?>().Select(v => Unwrap(v)?.ToString() ?? string.Empty).ToList()
                : value ?? string.Empty;
        }

        return answers;
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>The rows read so far as Write-Progress, with a percentage of the server's total.</summary>
    private sealed class RowProgress(StrategyAsyncCmdlet cmdlet, string activity) : IProgress<ReportExportProgress>
    {
        public void Report(ReportExportProgress value)
        {
            var record = new ProgressRecord(1, activity, FormattableString.Invariant($"{value.Rows:N0} of {value.Total:N0} rows"))
            {
                PercentComplete = value.Total > 0 ? (int)Math.Min(100, value.Rows * 100 / value.Total) : -1,
            };
            cmdlet.PostProgress(record);
        }
    }
}
