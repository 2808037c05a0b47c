using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Deletes subscriptions.</summary>
/// <remarks>
/// <para>Remove-StrategySubscription deletes each subscription given by -Id or from the pipeline. Its ConfirmImpact is High, so PowerShell asks before each one unless -Confirm:$false is given; -WhatIf lists what would be deleted and deletes nothing. A subscription the server does not have is a non-terminating ObjectNotFound error.</para>
/// </remarks>
/// <example>
/// <code>Get-StrategySubscription -Name 'Test *' | Remove-StrategySubscription -WhatIf</code>
/// <para>Shows which subscriptions would be deleted.</para>
/// </example>
/// <example>
/// <code>Remove-StrategySubscription -Id $id -Confirm:$false</code>
/// <para>Deletes one subscription without asking, as a scheduled script must.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "StrategySubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveStrategySubscriptionCommand : StrategyCmdlet
{
    /// <summary>The subscriptions to delete; subscriptions from Get-StrategySubscription bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SubscriptionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        var subscriptions = server.Client<SubscriptionsClient>();
        foreach (var id in Id)
        {
            if (ShouldProcess($"subscription {id} on {server.BaseUrl}", "Delete")
                && RunForItem(id, token => subscriptions.DeleteSubscriptionAsync(id, token)))
            {
                WriteVerbose($"Deleted subscription {id}.");
            }
        }
    }
}
