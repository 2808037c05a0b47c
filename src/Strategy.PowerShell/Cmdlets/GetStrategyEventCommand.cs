using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Gets the events that event-based schedules wait on.</summary>
/// <remarks>
/// <para>Get-StrategyEvent lists the server's events, or gets the ones given by -Id. Firing an event with Invoke-StrategyEvent runs every subscription whose schedule waits on it. An id the server does not know is a non-terminating ObjectNotFound error; the other ids go on.</para>
/// </remarks>
/// <example>
/// <code>Get-StrategyEvent -Name '*load*'</code>
/// <para>The events whose name contains "load".</para>
/// </example>
/// <example>
/// <code>Get-StrategyEvent -Name 'Nightly load finished' | Invoke-StrategyEvent -Wait</code>
/// <para>Fires the event and waits for the subscription runs it starts.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "StrategyEvent", DefaultParameterSetName = AllSet)]
[OutputType(typeof(Event))]
public sealed class GetStrategyEventCommand : StrategyCmdlet
{
    private const string AllSet = "All";
    private const string IdSet = "Id";

    /// <summary>The events to get, by id; a missing one is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("EventId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only the events whose name matches (wildcards allowed).</summary>
    [Parameter(ParameterSetName = AllSet)]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var events = Server.Client<EventsClient>();
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                if (RunForItem(id, token => events.GetEventAsync(id, cancellationToken: token)) is { } found)
                {
                    WriteObject(found);
                }
            }

            return;
        }

        var all = Run(token => events.ListEventsAsync(cancellationToken: token));
        WriteObject(Named.Matching(all.Events, e => e.Name, Name), enumerateCollection: true);
    }
}
