using System.Collections;
using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Publishes a data model: its tables are loaded again from their sources.</summary>
/// <remarks>
/// <para>Publish-StrategyDataModel runs the whole publish: it opens an instance of the data model, publishes the tables with their refresh policies, follows the publish status with Write-Progress until every table is loaded, and deletes the instance whatever happens: success, failure, time limit or Ctrl+C. -Verbose shows each step (opened, status, deleting, deleted).</para>
/// <para>Without -Table every table is published with -Policy (default replace); with -Table only those named (by name or id), each with its own policy. It writes the last publish status. A failed publish is an InvalidResult error whose target is that status; at -TimeoutSec it is an OperationTimeout error.</para>
/// </remarks>
/// <example>
/// <code>Publish-StrategyDataModel -DataModelId 9F4772B837604551B4D3CC916ADC5598</code>
/// <para>Reloads every table of the data model, replacing its rows.</para>
/// </example>
/// <example>
/// <code>Publish-StrategyDataModel $dataModel -Table @{ ytd_day = 'upsert' } -TimeoutSec 1800 -Verbose</code>
/// <para>Upserts one table, waiting up to half an hour and showing each step.</para>
/// </example>
/// <example>
/// <code>try { Publish-StrategyDataModel $dataModel -ErrorAction Stop }
/// catch [Strategy.Generated.StrategyOperationFailedException] { Write-Warning "Publish failed: $($_.Exception.Message)"; exit 1 }</code>
/// <para>In a scheduled script: a failed publish is caught by its typed exception and ends the script with exit code 1.</para>
/// </example>
[Cmdlet(VerbsData.Publish, "StrategyDataModel", SupportsShouldProcess = true)]
[OutputType(typeof(PublishStatus), typeof(StrategyWork))]
public sealed class PublishStrategyDataModelCommand : StrategyCmdlet
{
    /// <summary>The data model.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string DataModelId { get; set; } = null!;

    /// <summary>The refresh policy for every table (without -Table), or for tables -Table gives none.</summary>
    [Parameter]
    [RefreshPolicyName]
    [ArgumentCompleter(typeof(RefreshPolicyCompleter))]
    public string Policy { get; set; } = "replace";

    /// <summary>The tables to publish, by name or id, each with its policy: @{ ytd_day = 'upsert'; city_mnth_sls = 'replace' }.</summary>
    [Parameter]
    public Hashtable? Table { get; set; }

    /// <summary>Start the publish in its instance and write it as an operation (its Token resumes it with Wait-StrategyOperation, which deletes the instance at the end), without waiting.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        var selection = Argument(() => TableParameter.Selection(Table, Policy));
        if (!ShouldProcess($"data model {DataModelId} on {server.BaseUrl}", $"Publish {selection}"))
        {
            return;
        }

        var dataModels = server.Client<DataModelsClient>();
        if (NoWait)
        {
            WriteObject(Run(token => dataModels.StartPublishTablesAsync(DataModelId, selection, token)));
            return;
        }

        var status = Run(token => dataModels.PublishAndWaitAsync(
            DataModelId, selection, Waits(), Progress<PublishStatus>("Publishing data model " + DataModelId, StatusWords.Publish), token));
        WriteObject(status);
    }
}
