using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Gets the jobs on the Intelligence Server monitor.</summary>
/// <remarks>
/// <para>Get-StrategyJob lists the jobs on every node of the cluster (or -Node), as the monitor shows them: a cube publish, a report, a subscription. A job leaves the monitor a while after it ends. -Id gets jobs by their composite ids; one no longer on the monitor is a non-terminating ObjectNotFound error.</para>
/// </remarks>
/// <example>
/// <code>Get-StrategyJob | Where-Object Status -eq 'executing'</code>
/// <para>The jobs running now.</para>
/// </example>
/// <example>
/// <code>Get-StrategyJob | Where-Object ObjectType -eq 'cube' | Stop-StrategyJob -WhatIf</code>
/// <para>Shows which cube publish jobs would be cancelled.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "StrategyJob", DefaultParameterSetName = AllSet)]
[OutputType(typeof(MonitorJob))]
public sealed class GetStrategyJobCommand : StrategyGetCmdlet<MonitorJob>
{
    /// <summary>The jobs to get, by composite id (478:RU5W…).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only the jobs of this cluster node; every node when left out.</summary>
    [Parameter(ParameterSetName = AllSet)]
    [ValidateNotNullOrEmpty]
    public string? Node { get; set; }

    /// <inheritdoc />
    protected override IEnumerable<string> Ids => Id;

    /// <inheritdoc />
    protected override Task<MonitorJob> GetAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken) =>
        server.Client<JobsClient>().GetJobAsync(id, cancellationToken: cancellationToken);

    /// <inheritdoc />
    protected override async IAsyncEnumerable<MonitorJob> ListAsync(StrategyServerConnection server, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var nodes = Node is { } one
            ? [one]
            : ((await server.Client<MonitorsClient>().ListClusterNodesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Nodes ?? []).Select(n => n?.Name).OfType<string>().ToList();
        foreach (var node in nodes)
        {
            var jobs = await server.Client<JobsClient>().ListJobsAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var job in (jobs.Jobs ?? []).Where(j => j is not null))
            {
                yield return job;
            }
        }
    }

    /// <inheritdoc />
    protected override string? NameOf(MonitorJob item) => item.ObjectName;
}
