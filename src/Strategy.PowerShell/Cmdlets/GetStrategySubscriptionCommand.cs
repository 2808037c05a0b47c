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
public sealed class GetStrategySubscriptionCommand : StrategyGetCmdlet<Subscription>
{
    /// <summary>The subscriptions to get, by id; an id the server does not have is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Also read when each subscription last ran (the LastRun property; servers 11.4.0600 and later).</summary>
    [Parameter(ParameterSetName = AllSet)]
    public SwitchParameter IncludeLastRun { get; set; }

    /// <inheritdoc />
    protected override IEnumerable<string> Ids => Id;

    /// <inheritdoc />
    protected override Task<Subscription> GetAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken) =>
        server.Client<SubscriptionsClient>().GetSubscriptionAsync(id, cancellationToken: cancellationToken);

    /// <inheritdoc />
    protected override IAsyncEnumerable<Subscription> ListAsync(StrategyServerConnection server, CancellationToken cancellationToken) =>
        server.Client<SubscriptionsClient>().EnumerateSubscriptionsAsync(lastRun: IncludeLastRun ? true : null, cancellationToken: cancellationToken);

    /// <inheritdoc />
    protected override string? NameOf(Subscription item) => item.Name;
}
