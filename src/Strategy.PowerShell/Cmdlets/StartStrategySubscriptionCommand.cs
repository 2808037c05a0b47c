using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Runs subscriptions now, and with -Wait tells how each run ended.</summary>
/// <remarks>
/// <para>Start-StrategySubscription asks the server to run each subscription now, as its schedule would. Without -Wait it returns once the server has taken the run. With -Wait it follows that run (not an earlier one) with Write-Progress and writes its status when it ends: Outcome Succeeded or Skipped (also a warning). A run that failed, was canceled or timed out on the server is a non-terminating InvalidResult error whose target is the run's status.</para>
/// <para>At -TimeoutSec, or on Ctrl+C, the wait stops and the run goes on on the server.</para>
/// </remarks>
/// <example>
/// <code>Start-StrategySubscription -Id $id -Wait</code>
/// <para>Runs the subscription now and writes how the run ended.</para>
/// </example>
/// <example>
/// <code>Get-StrategySubscription -Name 'Sales*' | Start-StrategySubscription -Wait -ErrorAction Continue | Format-Table Id, Outcome, End</code>
/// <para>Runs each sales subscription in turn; a failed run is reported and the next one still runs.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Start, "StrategySubscription", SupportsShouldProcess = true)]
[OutputType(typeof(SubscriptionStatus))]
public sealed class StartStrategySubscriptionCommand : StrategyCmdlet
{
    /// <summary>The subscriptions to run; subscriptions from Get-StrategySubscription bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Wait for each run and write its status (its Outcome says how it ended).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: how many seconds to wait for a run before giving up (default 600); the run goes on on the server.</summary>
    [Parameter]
    public int? TimeoutSec { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        var subscriptions = server.Client<SubscriptionsClient>();
        foreach (var id in Id)
        {
            if (!ShouldProcess($"subscription {id} on {server.BaseUrl}", "Run now"))
            {
                continue;
            }

            if (!Wait)
            {
                if (RunForItem(id, token => subscriptions.SendSubscriptionAsync(id, token)))
                {
                    WriteVerbose($"Subscription {id} was sent; it runs on the server (Get-StrategySubscriptionRun {id} tells how it ended).");
                }

                continue;
            }

            var run = RunForItem(id, token => subscriptions.SendSubscriptionAndWaitAsync(
                id, Waits(TimeoutSec), Progress<SubscriptionStatus>($"Running subscription {id}", StatusWords.Run), token));
            if (run is null)
            {
                continue;
            }

            if (run.Outcome == StrategyOutcome.Skipped)
            {
                WriteWarning($"Subscription {id}: the server skipped the run (it had nothing to do).");
            }

            WriteObject(run);
        }
    }
}
