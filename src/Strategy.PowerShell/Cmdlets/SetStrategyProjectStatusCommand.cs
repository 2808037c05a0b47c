using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Loads, unloads or idles a project on every cluster node (or one) and waits until each has settled.</summary>
/// <remarks>
/// <para>Set-StrategyProjectStatus changes the project's status on every node at once (servers 11.5.0500 and later), or on the node -Node names, and waits until every node's project has settled (no longer loaded_pending or unloaded_pending), reporting each status with Write-Progress. It writes one object per node: Node, NodeStatus and ProjectStatus. A node that is stopped, or whose project is not in the status asked, is also a non-terminating InvalidResult error naming that node, so $? says whether every node did as asked. With -NoWait it writes the change as an operation (StrategyWork) that Wait-StrategyOperation resumes.</para>
/// </remarks>
/// <example>
/// <code>Set-StrategyProjectStatus -ProjectId B7CA92F04B9FAE8D941C3E9B7E0CD754 -Status unloaded</code>
/// <para>Unloads the project on every node and waits until each says unloaded.</para>
/// </example>
/// <example>
/// <code>Set-StrategyProjectStatus -ProjectId B7CA92F04B9FAE8D941C3E9B7E0CD754 -Status request_idle -Node ENV-282040LAIOUSE1 -WhatIf</code>
/// <para>Says what would be changed on one node, and sends nothing.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "StrategyProjectStatus", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject), typeof(StrategyWork))]
public sealed class SetStrategyProjectStatusCommand : StrategyCmdlet
{
    /// <summary>The project.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ProjectId { get; set; } = string.Empty;

    /// <summary>The status: loaded, unloaded, or an idle mode.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateSet("loaded", "unloaded", "request_idle", "exec_idle", "wh_exec_idle", "partial_idle", "full_idle")]
    public string Status { get; set; } = string.Empty;

    /// <summary>Only this cluster node; every node at once when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Node { get; set; }

    /// <summary>End the project's user sessions first (every node at once only).</summary>
    [Parameter]
    public SwitchParameter DeleteSessions { get; set; }

    /// <summary>Start the change and write it as an operation (its Token resumes it with Wait-StrategyOperation), without waiting.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Node is not null && DeleteSessions)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-DeleteSessions ends the project's sessions on every node at once; leave out -Node, or end them with Disconnect-StrategyUserConnection. Nothing was changed."), "DeleteSessionsOnOneNode", ErrorCategory.InvalidArgument, Node));
        }

        var server = Server;
        if (!ShouldProcess($"project {ProjectId} on {(Node is null ? "every node" : "node " + Node)} of {server.BaseUrl}", "Set its status to " + Status))
        {
            return;
        }

        var value = StrategyEnums.Parse<ProjectStatusValue>(Status);
        var monitors = server.Client<MonitorsClient>();
        var change = Run(token => Node is null
            ? monitors.StartChangeProjectStatusAsync(ProjectId, new ProjectStatusRequest { Status = value }, DeleteSessions ? true : null, token)
            : monitors.StartChangeProjectStatusOnNodeAsync(Node, ProjectId, new ProjectStatusOperations { OperationList = [new ProjectStatusOperation { Op = ProjectStatusOperationOp.Replace, Path = ProjectStatusOperationPath.Status, Value = value }] }, token));
        if (NoWait)
        {
            WriteObject(change);
            return;
        }

        var nodes = Run(token => change.WaitForCompletionAsync(Waits(), Progress<ClusterNodeList>("Changing the project's status"), token));
        foreach (var node in nodes?.Nodes ?? [])
        {
            var status = node.Projects?.FirstOrDefault(p => string.Equals(p.Id, ProjectId, StringComparison.OrdinalIgnoreCase))?.Status;
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("Node", node.Name));
            row.Properties.Add(new PSNoteProperty("NodeStatus", node.Status));
            row.Properties.Add(new PSNoteProperty("ProjectStatus", status));
            WriteObject(row);
            if (!string.Equals(node.Status, "running", StringComparison.OrdinalIgnoreCase) || status != Status)
            {
                var says = !string.Equals(node.Status, "running", StringComparison.OrdinalIgnoreCase)
                    ? $"Node {ServerText.Clean(node.Name, 100)} is {ServerText.Clean(node.Status, 20)}: its project was not changed."
                    : $"On node {ServerText.Clean(node.Name, 100)} the project is {ServerText.Clean(status, 40) ?? "not reported"}, not {Status}.";
                WriteError(new ErrorRecord(new InvalidOperationException(says), "ProjectStatusNotSet", ErrorCategory.InvalidResult, node.Name));
            }
        }
    }
}
