using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Gets subscriptions: one or more by id, or all of the project's.</summary>
/// <remarks>
/// <para>Without -Id, Get-StrategySubscription reads the project's subscriptions a page at a time and writes each to the pipeline as it arrives, so the first ones can be worked on while the rest are read, and Select-Object -First stops the reading.</para>
/// <para>With -Id (or ids from the pipeline), it gets those; one the server does not have is a non-terminating ObjectNotFound error and the others go on. The objects are the library's Subscription models: Where-Object, Select-Object and ConvertTo-Json see every property, what the server sent that this module does not know included (AdditionalProperties).</para>
/// </remarks>
/// <example>
/// <code>Get-StrategySubscription -Name '*refresh*'</code>
/// <para>The subscriptions whose name contains "refresh".</para>
/// </example>
/// <example>
/// <code>Get-StrategySubscription | Where-Object { $_.Schedules.Id -contains $oldSchedule } | Set-StrategySubscription -ScheduleId $newSchedule</code>
/// <para>Moves every subscription on one schedule to another, keeping everything else about them.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "StrategySubscription", DefaultParameterSetName = AllSet)]
[OutputType(typeof(Subscription))]
public sealed class GetStrategySubscriptionCommand : StrategyCmdlet
{
    private const string AllSet = "All";
    private const string IdSet = "Id";

    /// <summary>The subscriptions to get, by id; a missing one is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only the subscriptions whose name matches (wildcards allowed).</summary>
    [Parameter(ParameterSetName = AllSet)]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <summary>Also read when each subscription last ran (the LastRun property; servers 11.4.0600 and later).</summary>
    [Parameter]
    public SwitchParameter IncludeLastRun { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var subscriptions = Server.Client<SubscriptionsClient>();
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                if (RunForItem(id, token => subscriptions.GetSubscriptionAsync(id, cancellationToken: token)) is { } subscription)
                {
                    WriteObject(subscription);
                }
            }

            return;
        }

        RunEach(token => subscriptions.EnumerateSubscriptionsAsync(lastRun: IncludeLastRun ? true : null, cancellationToken: token), Named.Filter<Subscription>(s => s.Name, Name));
    }
}
