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
public sealed class GetStrategyScheduleCommand : StrategyCmdlet
{
    private const string AllSet = "All";
    private const string IdSet = "Id";

    /// <summary>The schedules to get, by id; a missing one is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ScheduleId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only the schedules whose name matches (wildcards allowed).</summary>
    [Parameter(ParameterSetName = AllSet)]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var schedules = Server.Client<SchedulesClient>();
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                if (RunForItem(id, token => schedules.GetScheduleAsync(id, cancellationToken: token)) is { } schedule)
                {
                    WriteObject(schedule);
                }
            }

            return;
        }

        var all = Run(token => schedules.ListSchedulesAsync(token));
        WriteObject(Named.Matching(all.Schedules, s => s.Name, Name), enumerateCollection: true);
    }
}
