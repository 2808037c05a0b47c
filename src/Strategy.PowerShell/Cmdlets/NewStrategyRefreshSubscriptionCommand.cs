using System.Collections;
using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Creates a subscription that refreshes a data model on schedules.</summary>
/// <remarks>
/// <para>New-StrategyRefreshSubscription creates a data model refresh subscription delivered to the history list: every table with -Policy, or the tables -Table names (by name or id), each with its own policy. -Filter refreshes only the rows whose attribute form matches a value. The tables are checked against the data model before anything is created. It writes the created subscription.</para>
/// </remarks>
/// <example>
/// <code>New-StrategyRefreshSubscription -Name 'Nightly sales' -DataModelId $dataModel -ScheduleId $nightly -Table @{ ytd_day = 'upsert'; city_mnth_sls = 'replace' }</code>
/// <para>Refreshes two tables every night, one by upsert and one by replacing its rows.</para>
/// </example>
/// <example>
/// <code>New-StrategyRefreshSubscription 'East only' -DataModelId $dataModel -ScheduleId $nightly -Policy update -Filter @{ AttributeId = $region; FormId = $idForm; Value = 'East' }</code>
/// <para>Updates every table, only for the rows of region East.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "StrategyRefreshSubscription", SupportsShouldProcess = true)]
[OutputType(typeof(Subscription))]
public sealed class NewStrategyRefreshSubscriptionCommand : StrategyCmdlet
{
    /// <summary>The subscription's name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>The data model to refresh.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string DataModelId { get; set; } = null!;

    /// <summary>The schedules it runs on (see Get-StrategySchedule).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[] ScheduleId { get; set; } = [];

    /// <summary>The refresh policy for every table (without -Table), or for tables -Table gives none.</summary>
    [Parameter]
    [RefreshPolicyName]
    [ArgumentCompleter(typeof(RefreshPolicyCompleter))]
    public string Policy { get; set; } = "replace";

    /// <summary>The tables to refresh, by name or id, each with its policy: @{ ytd_day = 'upsert' }. Default: every table.</summary>
    [Parameter]
    public Hashtable? Table { get; set; }

    /// <summary>Refresh only rows whose attribute form matches: @{ AttributeId = '…'; FormId = '…'; Value = '…'; Function = 'equals' }.</summary>
    [Parameter]
    public Hashtable? Filter { get; set; }

    /// <summary>Also run it once now.</summary>
    [Parameter]
    public SwitchParameter SendNow { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        var selection = Argument(() => TableParameter.Selection(Table, Policy));
        var filter = Argument(() => FilterParameter.Read(Filter));
        if (!ShouldProcess($"data model {DataModelId} on {server.BaseUrl}", $"Create subscription '{Name}' refreshing {selection} on {string.Join(", ", ScheduleId)}"))
        {
            return;
        }

        var dataModels = server.Client<DataModelsClient>();
        var subscriptions = server.Client<SubscriptionsClient>();
        var created = Run(async token =>
        {
            var tables = (await selection.ResolveAsync(dataModels, DataModelId, token).ConfigureAwait(false)).Tables;
            var request = DataModelRefreshSubscription.Create(Name, DataModelId, tables, ScheduleId, filter, SendNow);
            return await subscriptions.CreateSubscriptionAsync(request, token).ConfigureAwait(false);
        });
        WriteVerbose($"Created subscription {created.Id} '{created.Name}'.");
        WriteObject(created);
    }
}
