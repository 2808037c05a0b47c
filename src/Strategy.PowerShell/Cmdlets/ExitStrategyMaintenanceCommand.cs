using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Ends maintenance on a project: loads it back on every node, invalidates its content caches and purges its object caches.</summary>
/// <remarks>
/// <para>Exit-StrategyMaintenance loads the project on every cluster node and waits until each has settled, invalidates its report and dashboard caches on each node, and purges its object caches. It writes one StrategyMaintenanceStep per node, per node's caches and for the purge; a step that did not do as asked is also a non-terminating InvalidResult error naming it.</para>
/// </remarks>
/// <example>
/// <code>Exit-StrategyMaintenance -ProjectId B7CA92F04B9FAE8D941C3E9B7E0CD754</code>
/// <para>Loads the project back everywhere, writing each step.</para>
/// </example>
[Cmdlet(VerbsCommon.Exit, "StrategyMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StrategyMaintenanceStep))]
public sealed class ExitStrategyMaintenanceCommand : StrategyCmdlet
{
    /// <summary>The project.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ProjectId { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        if (!ShouldProcess($"project {ProjectId} on every node of {server.BaseUrl}", "Load it back, invalidate its content caches and purge its object caches"))
        {
            return;
        }

        var monitors = server.Client<MonitorsClient>();
        MaintenanceSteps.Write(this, Run(token => monitors.EndMaintenanceAsync(ProjectId, Waits(), token)));
    }
}
