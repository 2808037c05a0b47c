using System.Collections;
using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Changes subscriptions, keeping every property not given.</summary>
/// <remarks>
/// <para>Set-StrategySubscription reads each subscription, changes only what the parameters give (name, schedules, tables and policies, filter), and writes it back whole: the server replaces a subscription on update, so what was not asked for, delivery, recipients and what this module does not know, is sent back as it was read.</para>
/// <para>-Policy alone changes the policy of every table the subscription refreshes; -Table replaces its tables. Subscriptions from Get-StrategySubscription bind by their Id. A subscription the server does not have is a non-terminating ObjectNotFound error. -PassThru writes each changed subscription.</para>
/// </remarks>
/// <example>
/// <code>Set-StrategySubscription -Id $id -Policy upsert</code>
/// <para>Makes every table of the subscription refresh by upsert.</para>
/// </example>
/// <example>
/// <code>Get-StrategySubscription -Name 'Nightly*' | Set-StrategySubscription -ScheduleId $weekly -PassThru</code>
/// <para>Moves the nightly subscriptions to another schedule and shows them.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "StrategySubscription", SupportsShouldProcess = true, DefaultParameterSetName = KeepFilterSet)]
[OutputType(typeof(Subscription))]
public sealed class SetStrategySubscriptionCommand : StrategyCmdlet
{
    private const string KeepFilterSet = "KeepFilter";
    private const string NoFilterSet = "NoFilter";

    /// <summary>The subscription to change; subscriptions from Get-StrategySubscription bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = null!;

    /// <summary>A new name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The schedules it runs on instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ScheduleId { get; set; }

    /// <summary>The refresh policy for every table it refreshes (without -Table), or for tables -Table gives none.</summary>
    [Parameter]
    [RefreshPolicyName]
    [ArgumentCompleter(typeof(RefreshPolicyCompleter))]
    public string? Policy { get; set; }

    /// <summary>The tables it refreshes instead, by name or id, each with its policy: @{ ytd_day = 'upsert' }.</summary>
    [Parameter]
    public Hashtable? Table { get; set; }

    /// <summary>Refresh only rows whose attribute form matches: @{ AttributeId = '…'; FormId = '…'; Value = '…' }.</summary>
    [Parameter(ParameterSetName = KeepFilterSet)]
    public Hashtable? Filter { get; set; }

    /// <summary>Remove the refresh filters: refresh every row.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NoFilterSet)]
    public SwitchParameter NoFilter { get; set; }

    /// <summary>Write the changed subscription to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        var change = Argument(() => new RefreshSubscriptionChange
        {
            Name = Name,
            ScheduleIds = ScheduleId,
            Tables = Table is { Count: > 0 } ? TableParameter.Selection(Table, Policy) : null,
            Policy = Policy is null ? null : TableParameter.Policy(Policy),
            Filter = FilterParameter.Read(Filter),
            RemoveFilter = NoFilter,
            ContentSettingNames = "-Table, -Policy, -Filter and -NoFilter",
            RemoveFilterName = "-NoFilter",
        });
        if (!ShouldProcess($"subscription {Id} on {server.BaseUrl}", "Change " + Changes()))
        {
            return;
        }

        var subscriptions = server.Client<SubscriptionsClient>();
        var dataModels = server.Client<DataModelsClient>();
        var updated = RunForItem(Id, async token =>
        {
            var stored = await subscriptions.GetSubscriptionAsync(Id, cancellationToken: token).ConfigureAwait(false);
            var request = await change.ApplyAsync(stored.ToRequest(), Id, dataModels, token).ConfigureAwait(false);
            return await subscriptions.UpdateSubscriptionAsync(Id, request, token).ConfigureAwait(false);
        });
        if (updated is null)
        {
            return;
        }

        WriteVerbose($"Updated subscription {updated.Id} '{updated.Name}'.");
        if (PassThru)
        {
            WriteObject(updated);
        }
    }

    private string Changes()
    {
        var given = MyInvocation.BoundParameters.Keys
            .Where(k => k is nameof(Name) or nameof(ScheduleId) or nameof(Policy) or nameof(Table) or nameof(Filter) or nameof(NoFilter))
            .ToList();
        return given.Count == 0 ? "nothing (no property given)" : string.Join(", ", given);
    }
}
