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
public sealed class GetStrategyEventCommand : StrategyGetCmdlet<Event>
{
    /// <summary>The events to get, by id; an id the server does not have is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("EventId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <inheritdoc />
    protected override IEnumerable<string> Ids => Id;

    /// <inheritdoc />
    protected override Task<Event> GetAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken) =>
        server.Client<EventsClient>().GetEventAsync(id, cancellationToken: cancellationToken);

    /// <inheritdoc />
    protected override IAsyncEnumerable<Event> ListAsync(StrategyServerConnection server, CancellationToken cancellationToken) =>
        Whole(async () => (await server.Client<EventsClient>().ListEventsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Events);

    /// <inheritdoc />
    protected override string? NameOf(Event item) => item.Name;
}
