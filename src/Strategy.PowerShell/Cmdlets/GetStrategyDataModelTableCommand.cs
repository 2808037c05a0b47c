using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Gets the tables of a data model.</summary>
/// <remarks>
/// <para>Get-StrategyDataModelTable reads the tables a page at a time and writes each to the pipeline as it arrives. Each table's Information holds its ObjectId and Name, which -Table of Publish-StrategyDataModel and New-StrategyRefreshSubscription accept.</para>
/// </remarks>
/// <example>
/// <code>Get-StrategyDataModelTable -DataModelId 9F4772B837604551B4D3CC916ADC5598</code>
/// <para>Lists the tables of the data model.</para>
/// </example>
/// <example>
/// <code>Get-StrategyDataModelTable $id | ForEach-Object { $_.Information.Name }</code>
/// <para>Only the table names.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "StrategyDataModelTable")]
[OutputType(typeof(DataModelTable))]
public sealed class GetStrategyDataModelTableCommand : StrategyCmdlet
{
    /// <summary>The data model.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string DataModelId { get; set; } = null!;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var dataModels = Server.Client<DataModelsClient>();
        RunEach(token => dataModels.EnumerateDataModelTablesAsync(DataModelId, cancellationToken: token));
    }
}
