using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Exports a dashboard, or one of its visualizations, to a PDF, Excel or CSV file.</summary>
/// <remarks>
/// <para>Export-StrategyDashboard opens an instance of the dashboard, exports it as -Format and closes the instance whatever happens. Pdf is the whole dashboard, or one visualization with -Visualization; Excel is the whole dashboard; Csv is one visualization's data and needs -Visualization. The file is checked to be of its format and written whole or not at all.</para>
/// </remarks>
/// <example>
/// <code>Export-StrategyDashboard 27D332AC6D43352E0928B9A1FCAF4AB0 -Path sales.pdf -Format Pdf</code>
/// <para>Writes the dashboard as a PDF.</para>
/// </example>
/// <example>
/// <code>Export-StrategyDashboard $id -Path k52.csv -Format Csv -Visualization K52</code>
/// <para>Writes one visualization's data as CSV.</para>
/// </example>
[Cmdlet(VerbsData.Export, "StrategyDashboard")]
[OutputType(typeof(FileInfo))]
public sealed class ExportStrategyDashboardCommand : StrategyCmdlet
{
    /// <summary>The dashboard (or document).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("DashboardId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = null!;

    /// <summary>The file to write.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Pdf, Excel or Csv.</summary>
    [Parameter(Mandatory = true)]
    public DashboardExportFormat Format { get; set; }

    /// <summary>The visualization's key (K52): required for Csv; with Pdf, only that visualization.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Visualization { get; set; }

    /// <summary>Write the file's FileInfo once it is whole.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var options = new DashboardExportOptions { Visualization = Visualization, Wait = Waits() };
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var documents = Server.Client<DocumentsClient>();
        var result = Run(token => WholeFile.WriteAsync(path, destination => documents.ExportDashboardAsync(Id, Format, destination, options, token)));
        WriteVerbose(FormattableString.Invariant($"Exported {(Visualization is null ? "dashboard " + Id : $"visualization {Visualization} of dashboard {Id}")} as {Format} ({result.Bytes} bytes) to {path}."));
        if (PassThru)
        {
            WriteObject(new FileInfo(path));
        }
    }
}
