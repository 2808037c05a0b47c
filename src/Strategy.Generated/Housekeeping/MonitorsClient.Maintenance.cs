namespace Strategy.Generated;

/// <summary>
/// A maintenance window on a project across the cluster: idle it on every node and end its users'
/// connections, then load it back, invalidate its report and dashboard caches and purge its object
/// caches. Each node, connection and node's caches has its own step and outcome; a stopped node or a
/// call that failed is a failed step, never a node left out.
/// </summary>
public partial class MonitorsClient
{
    /// <summary>
    /// Begins maintenance on a project: idles it on every running node (each node's change started,
    /// then one wait until every node has settled), and ends every user connection to it except the
    /// caller's own session, which the server refuses to end.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="idle">The idle mode (<see cref="ProjectStatusValue.FullIdle"/> when <see langword="null"/>: no new requests, no executions).</param>
    /// <param name="options">How to wait for the nodes to settle; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the calls and the wait.</param>
    /// <returns>Every step: one per node, one per connection.</returns>
    /// <exception cref="StrategyApiException">The cluster's nodes or the caller could not be read, so nothing was changed.</exception>
    public virtual async Task<StrategyMaintenanceOutcome> BeginMaintenanceAsync(string projectId, ProjectStatusValue? idle = null, StrategyWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        var mode = idle ?? ProjectStatusValue.FullIdle;
        if (mode is ProjectStatusValue.Loaded or ProjectStatusValue.Unloaded)
        {
            throw new ArgumentOutOfRangeException(nameof(idle), mode, "Maintenance idles the project: give one of the idle modes, not loaded or unloaded.");
        }

        var caller = (await new SessionsClient(_httpClient) { ProjectId = ProjectId }.GetUserInfoAsync(cancellationToken).ConfigureAwait(false)).Username;
        var steps = new List<StrategyMaintenanceStep>();
        var running = await ChangeOnEveryNodeAsync(projectId, mode, "idle", steps, options, cancellationToken).ConfigureAwait(false);
        foreach (var node in running)
        {
            await DisconnectProjectUsersAsync(node, projectId, caller, steps, cancellationToken).ConfigureAwait(false);
        }

        return new StrategyMaintenanceOutcome(projectId, steps);
    }

    /// <summary>
    /// Ends maintenance on a project: loads it on every running node and waits until every node has
    /// settled, invalidates its report and dashboard caches on each of them, and purges its object caches.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="options">How to wait for the nodes to settle; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the calls and the wait.</param>
    /// <returns>Every step: one per node, one per node's caches, and the purge.</returns>
    /// <exception cref="StrategyApiException">The cluster's nodes could not be read, so nothing was changed.</exception>
    public virtual async Task<StrategyMaintenanceOutcome> EndMaintenanceAsync(string projectId, StrategyWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        var steps = new List<StrategyMaintenanceStep>();
        var running = await ChangeOnEveryNodeAsync(projectId, ProjectStatusValue.Loaded, "load", steps, options, cancellationToken).ConfigureAwait(false);
        foreach (var node in running)
        {
            steps.Add(await InvalidateContentCachesAsync(node, projectId, cancellationToken).ConfigureAwait(false));
        }

        steps.Add(await StepAsync("purge", "object caches", () => PurgeProjectCachesAsync(projectId, CacheType.Object, cancellationToken), "purged").ConfigureAwait(false));
        return new StrategyMaintenanceOutcome(projectId, steps);
    }

    /// <summary>
    /// Starts the change on every running node, waits once until every node has settled, and adds each
    /// node's step: its status as asked, or why not (stopped, the call failed, still pending at the time
    /// limit, another status). Answers the nodes that were running.
    /// </summary>
    private async Task<IReadOnlyList<string>> ChangeOnEveryNodeAsync(string projectId, ProjectStatusValue value, string action, List<StrategyMaintenanceStep> steps, StrategyWaitOptions? options, CancellationToken cancellationToken)
    {
        var wanted = StrategyEnums.ToWireName(value);
        var nodes = (await ListClusterNodesAsync(projectId, cancellationToken: cancellationToken).ConfigureAwait(false)).Nodes;
        var running = new List<string>();
        var problems = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            var name = node.Name ?? string.Empty;
            if (!string.Equals(node.Status, "running", StringComparison.OrdinalIgnoreCase))
            {
                problems[name] = "the node is " + (ServerText.Clean(node.Status, 40) ?? "in no known state") + ", so its project was not changed";
                continue;
            }

            running.Add(name);
            try
            {
                var change = new ProjectStatusOperations { OperationList = [new ProjectStatusOperation { Op = ProjectStatusOperationOp.Replace, Path = ProjectStatusOperationPath.Status, Value = value }] };
                await UpdateProjectStatusOnNodeAsync(name, projectId, change, cancellationToken).ConfigureAwait(false);
            }
            catch (StrategyApiException ex)
            {
                problems[name] = "the change was refused: " + Words(ex);
            }
        }

        // One wait for every node; the last status read says how each node stands when it ends.
        ClusterNodeList? last = null;
        Func<string, string>? waitProblem = null;
        try
        {
            last = await AwaitProjectOnNodesAsync(projectId, options: options, progress: new LastStatus(status => last = status), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyWaitTimeoutException ex)
        {
            waitProblem = shown => "still " + shown + " when the time limit of " + ex.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s ran out";
        }
        catch (StrategyOperationFailedException ex)
        {
            waitProblem = shown => shown + ": " + (ServerText.Clean(ex.Message, 300) ?? string.Empty);
        }

        foreach (var node in nodes)
        {
            var name = node.Name ?? string.Empty;
            var status = last?.Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase))?.Projects?.FirstOrDefault(p => string.Equals(p.Id, projectId, StringComparison.OrdinalIgnoreCase))?.Status;
            var shown = ServerText.Clean(status, 40) ?? "not reported";
            var problem = problems.TryGetValue(name, out var known) ? known
                : status == wanted ? null
                : waitProblem is not null ? waitProblem(shown)
                : "it is " + shown + ", not " + wanted;
            steps.Add(new StrategyMaintenanceStep(action, "node " + (ServerText.Clean(name, 100) ?? string.Empty), problem is null, problem ?? wanted));
        }

        return running;
    }

    /// <summary>Ends every connection to the project on the node; the caller's own session, which the server refuses to end, is kept.</summary>
    private async Task DisconnectProjectUsersAsync(string node, string projectId, string? caller, List<StrategyMaintenanceStep> steps, CancellationToken cancellationToken)
    {
        var connections = new List<UserConnection>();
        try
        {
            await foreach (var connection in EnumerateUserConnectionsAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(connection.ProjectId, projectId, StringComparison.OrdinalIgnoreCase) && connection.Id is not null)
                {
                    connections.Add(connection);
                }
            }
        }
        catch (StrategyApiException ex)
        {
            steps.Add(new StrategyMaintenanceStep("disconnect", "connections on node " + ServerText.Clean(node, 100), false, "they could not be listed: " + Words(ex)));
            return;
        }

        foreach (var connection in connections)
        {
            var subject = "connection " + ServerText.Clean(connection.Id, 60) + " (" + (ServerText.Clean(connection.Username, 60) ?? "unknown user") + " on " + ServerText.Clean(node, 100) + ")";
            try
            {
                await DeleteUserConnectionAsync(connection.Id!, cancellationToken).ConfigureAwait(false);
                steps.Add(new StrategyMaintenanceStep("disconnect", subject, true, "disconnected"));
            }
            catch (StrategyApiException ex) when (ex is { StatusCode: 500, ErrorCode: "ERR001" } && caller is not null && string.Equals(connection.Username, caller, StringComparison.OrdinalIgnoreCase))
            {
                // The server refuses to end the session that asks; the caller's own connection stays, as it must.
                steps.Add(new StrategyMaintenanceStep("disconnect", subject, true, "kept: the caller's own session"));
            }
            catch (StrategyApiException ex)
            {
                steps.Add(new StrategyMaintenanceStep("disconnect", subject, false, Words(ex)));
            }
        }
    }

    /// <summary>Invalidates every content cache of the project on the node, in one call.</summary>
    private async Task<StrategyMaintenanceStep> InvalidateContentCachesAsync(string node, string projectId, CancellationToken cancellationToken)
    {
        var subject = "content caches on node " + ServerText.Clean(node, 100);
        var ids = new List<string>();
        try
        {
            await foreach (var keyed in EnumerateContentCachesAsync(node, projectId, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                ids.AddRange(keyed.Keys);
            }
        }
        catch (StrategyApiException ex)
        {
            return new StrategyMaintenanceStep("invalidate", subject, false, "they could not be listed: " + Words(ex));
        }

        if (ids.Count == 0)
        {
            return new StrategyMaintenanceStep("invalidate", subject, true, "none to invalidate");
        }

        var operations = new ContentCacheOperations
        {
            OperationList = ids.Select(id => new ContentCacheOperation { Op = ContentCacheOperationOp.Replace, Path = "/contentCaches/" + id + "/status/invalid", Value = true }).ToList(),
        };
        return await StepAsync("invalidate", subject, () => UpdateContentCachesAsync(node, operations, cancellationToken), ids.Count + " invalidated").ConfigureAwait(false);
    }

    private static async Task<StrategyMaintenanceStep> StepAsync(string action, string subject, Func<Task> call, string done)
    {
        try
        {
            await call().ConfigureAwait(false);
            return new StrategyMaintenanceStep(action, subject, true, done);
        }
        catch (StrategyApiException ex)
        {
            return new StrategyMaintenanceStep(action, subject, false, Words(ex));
        }
    }

    /// <summary>An error in the step's words: the server's code and message, cleaned and cut.</summary>
    private static string Words(StrategyApiException error) =>
        "HTTP " + error.StatusCode + (error.ErrorCode is { } code ? " " + ServerText.Clean(code, 20) : string.Empty) + ": " + (ServerText.Clean(error.ServerMessage ?? error.Message, 300) ?? string.Empty);

    /// <summary>Keeps the last status a wait read, so a wait that ran out still says how each node stood.</summary>
    private sealed class LastStatus(Action<ClusterNodeList> keep) : IProgress<StrategyWaitProgress<ClusterNodeList>>
    {
        public void Report(StrategyWaitProgress<ClusterNodeList> value) => keep(value.Status);
    }
}
