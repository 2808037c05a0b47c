using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Gets the schedules subscriptions can run on.</summary>
/// <remarks>
/// <para>Get-StrategySchedule lists the server's schedules, or gets the ones given by -Id. A schedule's Event says which event an event-based schedule waits on. An id the server does not know is a non-terminating ObjectNotFound error.</para>
/// </remarks>
/// <example>
/// <code>Get-StrategySchedule | Where-Object { $_.Event }</code>
/// <para>The event-based schedules and the event each waits on.</para>
/// </example>
/// <example>
/// <code>$nightly = (Get-StrategySchedule -Name 'Nightly*').Id</code>
/// <para>The ids of the schedules whose name starts with Nightly, for -ScheduleId.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "StrategySchedule", DefaultParameterSetName = AllSet)]
[OutputType(typeof(Schedule))]
public sealed class GetStrategyScheduleCommand : StrategyGetCmdlet<Schedule>
{
    /// <summary>The schedules to get, by id; an id the server does not have is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ScheduleId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <inheritdoc />
    protected override IEnumerable<string> Ids => Id;

    /// <inheritdoc />
    protected override Task<Schedule> GetAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken) =>
        server.Client<SchedulesClient>().GetScheduleAsync(id, cancellationToken: cancellationToken);

    /// <inheritdoc />
    protected override IAsyncEnumerable<Schedule> ListAsync(StrategyServerConnection server, CancellationToken cancellationToken) =>
        Whole(async () => (await server.Client<SchedulesClient>().ListSchedulesAsync(cancellationToken).ConfigureAwait(false)).Schedules);

    /// <inheritdoc />
    protected override string? NameOf(Schedule item) => item.Name;
}
