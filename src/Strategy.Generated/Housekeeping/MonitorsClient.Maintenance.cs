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
    /// Begins maintenance on a project: starts idling it on every running node, ends every user connection to it except the
    /// caller's own session, which the server refuses to end (one bulk disconnect per node, servers
    /// 11.3.0100 and later), then waits once until every node has settled. When the time limit runs out,
    /// every node and connection still has its step, and <see cref="StrategyMaintenanceOutcome.TimeLimitReached"/> says so.
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
        var run = new MaintenanceRun();
        var nodes = await StartOnEveryNodeAsync(projectId, mode, run, cancellationToken).ConfigureAwait(false);

        // Connections end while the nodes settle: an idle node lets no new request in, and the wait comes last.
        foreach (var node in nodes.Where(n => !run.Refused.ContainsKey(n.Name ?? string.Empty)))
        {
            await DisconnectProjectUsersAsync(node.Name ?? string.Empty, projectId, caller, run, cancellationToken).ConfigureAwait(false);
        }

        await SettleAsync(projectId, nodes, mode, "idle", run, options, cancellationToken).ConfigureAwait(false);
        return run.Outcome(projectId);
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
        var run = new MaintenanceRun();
        var nodes = await StartOnEveryNodeAsync(projectId, ProjectStatusValue.Loaded, run, cancellationToken).ConfigureAwait(false);
        await SettleAsync(projectId, nodes, ProjectStatusValue.Loaded, "load", run, options, cancellationToken).ConfigureAwait(false);
        foreach (var node in nodes.Where(n => !run.Refused.ContainsKey(n.Name ?? string.Empty)))
        {
            await InvalidateContentCachesAsync(node.Name ?? string.Empty, projectId, run, cancellationToken).ConfigureAwait(false);
        }

        await run.StepAsync("purge", "object caches", async () =>
        {
            await PurgeProjectCachesAsync(projectId, CacheType.Object, cancellationToken).ConfigureAwait(false);
            return "purged";
        }).ConfigureAwait(false);
        return run.Outcome(projectId);
    }

    /// <summary>
    /// Starts the change on every running node. A node that is not running, or refuses the change, is
    /// noted as refused (its step says why once the others have settled). Answers every node.
    /// </summary>
    private async Task<IReadOnlyList<ClusterNode>> StartOnEveryNodeAsync(string projectId, ProjectStatusValue value, MaintenanceRun run, CancellationToken cancellationToken)
    {
        var nodes = (await ListClusterNodesAsync(projectId, cancellationToken: cancellationToken).ConfigureAwait(false)).Nodes.ToList();
        foreach (var node in nodes)
        {
            var name = node.Name ?? string.Empty;
            if (!string.Equals(node.Status, "running", StringComparison.OrdinalIgnoreCase))
            {
                run.Refused[name] = "the node is " + (ServerText.Clean(node.Status, 40) ?? "in no known state") + ", so its project was not changed";
                continue;
            }

            var change = new ProjectStatusOperations { OperationList = [new ProjectStatusOperation { Op = ProjectStatusOperationOp.Replace, Path = ProjectStatusOperationPath.Status, Value = value }] };
            if (await run.TryAsync(() => UpdateProjectStatusOnNodeAsync(name, projectId, change, cancellationToken)).ConfigureAwait(false) is { } problem)
            {
                run.Refused[name] = "the change was refused: " + problem;
            }
        }

        return nodes;
    }

    /// <summary>
    /// Waits once until every node has settled and adds each node's step: its status as asked, or why
    /// not (refused, still pending at the time limit, another status), from the last status read.
    /// </summary>
    private async Task SettleAsync(string projectId, IReadOnlyList<ClusterNode> nodes, ProjectStatusValue value, string action, MaintenanceRun run, StrategyWaitOptions? options, CancellationToken cancellationToken)
    {
        var wanted = StrategyEnums.ToWireName(value);
        ClusterNodeList? last = null;
        Func<string, string>? waitProblem = null;
        if (run.TimeIsUp)
        {
            waitProblem = shown => "not waited for: the time limit ran out first";
        }
        else
        {
            try
            {
                last = await AwaitProjectOnNodesAsync(projectId, options: options, progress: new LastStatus(status => last = status), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (StrategyWaitTimeoutException ex)
            {
                run.TimeIsUp = true;
                waitProblem = shown => "still " + shown + " when the time limit of " + ex.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s ran out";
            }
            catch (StrategyOperationFailedException ex)
            {
                waitProblem = shown => shown + ": " + (ServerText.Clean(ex.Message, 300) ?? string.Empty);
            }
        }

        foreach (var node in nodes)
        {
            var name = node.Name ?? string.Empty;
            var status = last?.Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase))?.Projects?.FirstOrDefault(p => string.Equals(p.Id, projectId, StringComparison.OrdinalIgnoreCase))?.Status;
            var shown = ServerText.Clean(status, 40) ?? "not reported";
            var problem = run.Refused.TryGetValue(name, out var known) ? known
                : status == wanted ? null
                : waitProblem is not null ? waitProblem(shown)
                : "it is " + shown + ", not " + wanted;
            run.Steps.Add(new StrategyMaintenanceStep(action, "node " + (ServerText.Clean(name, 100) ?? string.Empty), problem is null, problem ?? wanted));
        }
    }

    /// <summary>Ends every connection to the project on the node; the caller's own session, which the server refuses to end, is kept.</summary>
    private async Task DisconnectProjectUsersAsync(string node, string projectId, string? caller, MaintenanceRun run, CancellationToken cancellationToken)
    {
        var connections = new List<UserConnection>();
        var listed = await run.StepAsync("disconnect", "connections on node " + ServerText.Clean(node, 100), async () =>
        {
            await foreach (var connection in EnumerateUserConnectionsAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(connection.ProjectId, projectId, StringComparison.OrdinalIgnoreCase) && connection.Id is not null)
                {
                    connections.Add(connection);
                }
            }

            return null;
        }).ConfigureAwait(false);
        if (!listed)
        {
            return;
        }

        if (connections.Count == 0)
        {
            return;
        }

        // One bulk call per node: every id's status in its answer (a 207, or a 403 when none was ended), and the
        // caller's own session, which the server refuses, costs no retries of a call of its own.
        IReadOnlyList<UserConnectionStatus> statuses = [];
        var problem = await run.TryAsync(async () =>
        {
            try
            {
                statuses = [.. (await DeleteUserConnectionsAsync(new DeleteUserConnectionsRequest { UserConnectionIds = [.. connections.Select(c => c.Id!)] }, cancellationToken).ConfigureAwait(false)).DeleteUserConnectionsStatus ?? []];
            }
            catch (StrategyApiException ex) when (ex.StatusCode == 403 && Result(ex) is { } refused)
            {
                statuses = refused;
            }
        }).ConfigureAwait(false);
        foreach (var connection in connections)
        {
            var subject = "connection " + ServerText.Clean(connection.Id, 60) + " (" + (ServerText.Clean(connection.Username, 60) ?? "unknown user") + " on " + ServerText.Clean(node, 100) + ")";
            var status = statuses.FirstOrDefault(s => string.Equals(s.Id, connection.Id, StringComparison.OrdinalIgnoreCase));
            run.Steps.Add(problem is not null ? new StrategyMaintenanceStep("disconnect", subject, false, problem)
                : status?.Status is >= 200 and < 300 ? new StrategyMaintenanceStep("disconnect", subject, true, "disconnected")
                : status?.Status == 500 && caller is not null && string.Equals(connection.Username, caller, StringComparison.OrdinalIgnoreCase)
                    // The server refuses to end the session that asks; the caller's own connection stays, as it must.
                    ? new StrategyMaintenanceStep("disconnect", subject, true, "kept: the caller's own session")
                : new StrategyMaintenanceStep("disconnect", subject, false, status is null
                    ? "the server's answer said nothing of it"
                    : "status " + status.Status + (string.IsNullOrEmpty(status.Message) ? string.Empty : ": " + ServerText.Clean(status.Message, 300))));
        }
    }

    /// <summary>Every id's status a refused bulk disconnect still carries (its 403's body), if it does.</summary>
    private static List<UserConnectionStatus>? Result(StrategyApiException refused)
    {
        try
        {
            return refused.Response is { Length: > 0 } body
                ? Newtonsoft.Json.JsonConvert.DeserializeObject<DeleteUserConnectionsResult>(body, StrategyJson.ReadingSettings)?.DeleteUserConnectionsStatus?.ToList()
                : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Invalidates every content cache of the project on the node, in one call.</summary>
    private Task<bool> InvalidateContentCachesAsync(string node, string projectId, MaintenanceRun run, CancellationToken cancellationToken) =>
        run.StepAsync("invalidate", "content caches on node " + ServerText.Clean(node, 100), async () =>
        {
            var ids = new List<string>();
            await foreach (var keyed in EnumerateContentCachesAsync(node, projectId, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                ids.AddRange(keyed.Keys);
            }

            if (ids.Count == 0)
            {
                return "none to invalidate";
            }

            var operations = new ContentCacheOperations
            {
                OperationList = ids.Select(id => new ContentCacheOperation { Op = ContentCacheOperationOp.Replace, Path = "/contentCaches/" + id + "/status/invalid", Value = true }).ToList(),
            };
            await UpdateContentCachesAsync(node, operations, cancellationToken).ConfigureAwait(false);
            return ids.Count + " invalidated";
        });

    /// <summary>An error in the step's words: the server's code and message, cleaned and cut.</summary>
    private static string Words(StrategyApiException error) =>
        "HTTP " + error.StatusCode + (error.ErrorCode is { } code ? " " + ServerText.Clean(code, 20) : string.Empty) + ": " + (ServerText.Clean(error.ServerMessage ?? error.Message, 300) ?? string.Empty);

    /// <summary>
    /// The steps of one maintenance window, and whether its time limit has run out: once it has, no
    /// further call is made, and each step not taken says so.
    /// </summary>
    private sealed class MaintenanceRun
    {
        public List<StrategyMaintenanceStep> Steps { get; } = [];

        /// <summary>The nodes whose change was not made, with why.</summary>
        public Dictionary<string, string> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool TimeIsUp { get; set; }

        public StrategyMaintenanceOutcome Outcome(string projectId) => new(projectId, Steps) { TimeLimitReached = TimeIsUp };

        /// <summary>Makes a call; answers why it failed (the server's words, or no answer in time), or <see langword="null"/>.</summary>
        public async Task<string?> TryAsync(Func<Task> call)
        {
            if (TimeIsUp)
            {
                return NotTaken;
            }

            try
            {
                await call().ConfigureAwait(false);
                return null;
            }
            catch (StrategyApiException ex)
            {
                return Words(ex);
            }
            catch (StrategyUnreachableException ex)
            {
                // The server did not answer in time (the call's or the whole window's limit) or could not be reached.
                TimeIsUp |= ex.TimeLimit is not null;
                return ServerText.Clean(ex.Message, 300) ?? string.Empty;
            }
        }

        /// <summary>Takes a step and adds it: its words when done (<see langword="null"/> adds none), or why not. Answers whether it was done.</summary>
        public async Task<bool> StepAsync(string action, string subject, Func<Task<string?>> call)
        {
            string? done = null;
            var problem = await TryAsync(async () => done = await call().ConfigureAwait(false)).ConfigureAwait(false);
            if (problem is not null || done is not null)
            {
                Steps.Add(new StrategyMaintenanceStep(action, subject, problem is null, problem ?? done!));
            }

            return problem is null;
        }

        private const string NotTaken = "not done: the time limit ran out first";
    }

    /// <summary>Keeps the last status a wait read, so a wait that ran out still says how each node stood.</summary>
    private sealed class LastStatus(Action<ClusterNodeList> keep) : IProgress<StrategyWaitProgress<ClusterNodeList>>
    {
        public void Report(StrategyWaitProgress<ClusterNodeList> value) => keep(value.Status);
    }
}
