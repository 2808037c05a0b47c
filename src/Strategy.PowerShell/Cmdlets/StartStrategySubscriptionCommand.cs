using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Runs subscriptions now, and with -Wait tells how each run ended.</summary>
/// <remarks>
/// <para>Start-StrategySubscription asks the server to run each subscription now, as its schedule would. Without -Wait it returns once the server has taken the run, and writes the run as an operation (StrategyWork) whose Token any later session resumes with Wait-StrategyOperation; the last run is read first, so the token never takes it for this one. With -Wait it follows that run (not an earlier one) with Write-Progress and writes its status when it ends: Outcome Succeeded or Skipped (also a warning). A run that failed, was canceled or timed out on the server is a non-terminating InvalidResult error whose target is the run's status.</para>
/// <para>At -TimeoutSec, or on Ctrl+C, the wait stops and the run goes on on the server.</para>
/// </remarks>
/// <example>
/// <code>Start-StrategySubscription -Id $id -Wait</code>
/// <para>Runs the subscription now and writes how the run ended.</para>
/// </example>
/// <example>
/// <code>(Start-StrategySubscription -Id $id).Token | Set-Content run.token</code>
/// <para>Runs the subscription now and keeps its token; a later script waits with <c>Get-Content run.token | Wait-StrategyOperation</c>.</para>
/// </example>
/// <example>
/// <code>Get-StrategySubscription -Name 'Sales*' | Start-StrategySubscription -Wait -ErrorAction Continue | Format-Table Id, Outcome, End</code>
/// <para>Runs each sales subscription in turn; a failed run is reported and the next one still runs.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Start, "StrategySubscription", SupportsShouldProcess = true)]
[OutputType(typeof(SubscriptionStatus), typeof(StrategyWork))]
public sealed class StartStrategySubscriptionCommand : StrategyRunCmdlet
{
    /// <summary>The subscriptions to run; subscriptions from Get-StrategySubscription bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <inheritdoc />
    protected override IEnumerable<string> Ids => Id;

    /// <inheritdoc />
    protected override string Action => "Run now";

    /// <inheritdoc />
    protected override string Target(string id) => "subscription " + id;

    /// <inheritdoc />
    protected override async Task<StrategyWork> StartAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken) =>
        await server.Client<SubscriptionsClient>().StartSendSubscriptionAsync(id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override string Sent(string id) => $"Subscription {id} was sent; it runs on the server (Get-StrategySubscriptionRun {id} tells how it ended).";

    /// <inheritdoc />
    protected override void SendAndWait(StrategyServerConnection server, string id)
    {
        var subscriptions = server.Client<SubscriptionsClient>();
        if (RunForItem(id, token => subscriptions.SendSubscriptionAndWaitAsync(
                id, Waits(), Progress<SubscriptionStatus>($"Running subscription {id}", StatusWords.Run), token)) is { } run)
        {
            WriteRun(run, id, run.Outcome);
        }
    }
}
