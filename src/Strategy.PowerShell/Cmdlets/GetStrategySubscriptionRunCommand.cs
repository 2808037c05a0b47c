using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Gets how a subscription's last run went.</summary>
/// <remarks>
/// <para>Get-StrategySubscriptionRun writes the status of each subscription's last run: its Outcome (Running, Succeeded, Failed, Skipped), stage, state, start and end, and each content's error. A subscription that never ran writes nothing (-Verbose says so); one the server does not have is a non-terminating ObjectNotFound error.</para>
/// </remarks>
/// <example>
/// <code>Get-StrategySubscription | Get-StrategySubscriptionRun | Where-Object Outcome -eq 'Failed'</code>
/// <para>The subscriptions whose last run failed.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "StrategySubscriptionRun")]
[OutputType(typeof(SubscriptionStatus))]
public sealed class GetStrategySubscriptionRunCommand : StrategyCmdlet
{
    /// <summary>The subscriptions; subscriptions from Get-StrategySubscription bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var subscriptions = Server.Client<SubscriptionsClient>();
        foreach (var id in Id)
        {
            var last = RunForItem(id, async token => new Box(await subscriptions.GetLastSubscriptionRunAsync(id, token).ConfigureAwait(false)));
            if (last is { Status: null })
            {
                WriteVerbose($"Subscription {id} never ran.");
            }
            else if (last?.Status is { } status)
            {
                WriteObject(status);
            }
        }
    }

    /// <summary>Tells "never ran" (no status) from "not found" (no box).</summary>
    private sealed record Box(SubscriptionStatus? Status);
}
