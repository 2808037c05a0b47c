using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Fires an event, so the subscriptions whose schedules wait on it run.</summary>
/// <remarks>
/// <para>Invoke-StrategyEvent fires each event given. Without -Wait it returns once the server has taken the event, and writes the runs it started as one operation (StrategyWork) whose Token any later session resumes with Wait-StrategyOperation. With -Wait it follows every subscription run the event started, reports them with Write-Progress, and once all have ended writes one object per run (SubscriptionId, Name, Outcome, Status, Error).</para>
/// <para>When runs failed, all runs are still written, then one non-terminating error (category InvalidResult, id SubscriptionRunsFailed) says which; a skipped run is a warning. At -TimeoutSec the wait ends with an OperationTimeout error, and the runs go on on the server. Ctrl+C stops waiting; the runs go on.</para>
/// </remarks>
/// <example>
/// <code>Invoke-StrategyEvent -Id 9B2D7F4E6A1C4B8D9E3F5A7C1B2D4E60 -Wait</code>
/// <para>Fires the event and waits for the refreshes it starts.</para>
/// </example>
/// <example>
/// <code>$runs = Invoke-StrategyEvent $eventId -Wait -ErrorAction Stop</code>
/// <para>In a scheduled script: stops with an error when any run failed.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Invoke, "StrategyEvent", SupportsShouldProcess = true)]
[OutputType(typeof(StrategySubscriptionRun), typeof(StrategyWork))]
public sealed class InvokeStrategyEventCommand : StrategyRunCmdlet
{
    /// <summary>The events to fire; events from Get-StrategyEvent bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EventId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <inheritdoc />
    protected override IEnumerable<string> Ids => Id;

    /// <inheritdoc />
    protected override string Action => "Fire";

    /// <inheritdoc />
    protected override string Target(string id) => "event " + id;

    /// <inheritdoc />
    protected override async Task<StrategyWork> StartAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken) =>
        await server.Client<EventsClient>().StartTriggerEventAsync(id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override string Sent(string id) => $"Event {id} was fired; the subscriptions whose schedules wait on it run on the server.";

    /// <inheritdoc />
    protected override void SendAndWait(StrategyServerConnection server, string id)
    {
        var events = server.Client<EventsClient>();
        var ended = RunForItem(id, async token =>
        {
            try
            {
                return new EndedRuns(await events.TriggerEventAndWaitAsync(
                    id, Waits(), Progress<SubscriptionStatus>($"Runs started by event {id}", StatusWords.RunOf), token).ConfigureAwait(false), null);
            }
            catch (StrategySubscriptionRunsFailedException failed)
            {
                // Every run is written, the failed ones too; then one error says which failed.
                return new EndedRuns(failed.Runs, failed);
            }
        });
        if (ended is null)
        {
            return;
        }

        if (ended.Runs.Count == 0)
        {
            WriteVerbose($"Event {id} was fired; no subscription waits on it.");
        }

        foreach (var run in ended.Runs)
        {
            WriteRun(run, run.SubscriptionId, run.Outcome);
        }

        if (ended.Failure is not null)
        {
            WriteError(Errors.Record(ended.Failure, id)!);
        }
    }

    private sealed record EndedRuns(IReadOnlyList<StrategySubscriptionRun> Runs, StrategySubscriptionRunsFailedException? Failure);
}
