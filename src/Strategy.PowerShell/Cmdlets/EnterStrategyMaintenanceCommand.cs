using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Begins maintenance on a project: idles it on every node and ends its users' connections.</summary>
/// <remarks>
/// <para>Enter-StrategyMaintenance idles the project on every cluster node, ends every user connection to it except this session's own (which the server refuses to end), and waits until every node has settled. It writes one StrategyMaintenanceStep per node and per connection (Action, Subject, Succeeded, Detail); a step that did not do as asked (a stopped node, a node still pending at the time limit, a refused disconnect) is also a non-terminating InvalidResult error naming it, so $? says whether every one did. It asks first (ConfirmImpact High: users are disconnected).</para>
/// </remarks>
/// <example>
/// <code>Enter-StrategyMaintenance -ProjectId B7CA92F04B9FAE8D941C3E9B7E0CD754 -Confirm:$false</code>
/// <para>Idles the project everywhere and disconnects its users, writing each step.</para>
/// </example>
/// <example>
/// <code>Enter-StrategyMaintenance -ProjectId B7CA92F04B9FAE8D941C3E9B7E0CD754 -WhatIf</code>
/// <para>Says what would be done, and sends nothing.</para>
/// </example>
[Cmdlet(VerbsCommon.Enter, "StrategyMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(StrategyMaintenanceStep))]
public sealed class EnterStrategyMaintenanceCommand : StrategyCmdlet
{
    /// <summary>The project.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ProjectId { get; set; } = string.Empty;

    /// <summary>The idle mode; full_idle (no new requests, no executions) when left out.</summary>
    [Parameter]
    [ValidateSet("request_idle", "exec_idle", "wh_exec_idle", "partial_idle", "full_idle")]
    public string Mode { get; set; } = "full_idle";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var server = Server;
        if (!ShouldProcess($"project {ProjectId} on every node of {server.BaseUrl}", $"Idle it ({Mode}) and disconnect its users"))
        {
            return;
        }

        var monitors = server.Client<MonitorsClient>();
        MaintenanceSteps.Write(this, Run(token => monitors.BeginMaintenanceAsync(ProjectId, StrategyEnums.Parse<ProjectStatusValue>(Mode), Waits(), token)));
    }
}
