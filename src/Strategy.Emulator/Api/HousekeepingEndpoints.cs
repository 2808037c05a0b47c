using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>
/// The monitor's housekeeping calls: a project's object and element caches purged, and the user
/// connections per node: listed a page at a time with the total in
/// x-mstr-total-count, disconnected one by one (the caller's own session refused with 500 ERR001) or
/// many at once (200 when every one ended, 207 when some did, 403 without a code when none did, each
/// id with its status). A stopped node's calls fail while the other node's succeed.
/// </summary>
internal static class HousekeepingEndpoints
{
    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator, Func<HttpContext, SessionRecord> session)
    {
        app.MapGet("/api/monitors/userConnections", (HttpContext context, string? clusterNode, int? offset, int? limit) =>
        {
            if (string.IsNullOrEmpty(clusterNode) || !Seeds.Nodes.Contains(clusterNode, StringComparer.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(400, "ERR006", $"The cluster node '{clusterNode}' is not a node of this cluster.");
            }

            if (state.Cubes.IsNodeDown(clusterNode))
            {
                return CubeEndpoints.NodeDown(clusterNode);
            }

            var all = state.Housekeeping.On(clusterNode, state.LiveSessions(), state.Now);
            var page = all.Skip(offset ?? 0).Take(limit is null or < 0 ? int.MaxValue : limit.Value).ToList();
            context.Response.Headers["x-mstr-total-count"] = all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return EmulatorJson.Ok(new UserConnectionList { UserConnections = page });
        });

        app.MapDelete("/api/monitors/userConnections/{connectionId}", (HttpContext context, string connectionId) =>
            Disconnect(state, session(context), connectionId) switch
            {
                204 => Results.NoContent(),
                500 => EmulatorJson.Error(500, "ERR001", "A session cannot disconnect itself; log out instead."),
                _ => EmulatorJson.Error(404, "ERR004", $"There is no user connection {connectionId}."),
            });

        app.MapDelete("/api/monitors/projects/{projectId}/caches/{cacheType}", (string projectId, string cacheType) =>
        {
            if (!projectId.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase) || cacheType is not ("object" or "element"))
            {
                return EmulatorJson.Error(400, "ERR006", $"'{cacheType}' caches of project {projectId} cannot be purged: the project must exist and the cache type be object or element.");
            }

            state.Housekeeping.Purged(cacheType);
            return Results.NoContent();
        });

        app.MapMethods("/api/monitors/iServer/nodes/{nodeName}/projects/{projectId}", ["PATCH"], async (HttpContext context, string nodeName, string projectId) =>
        {
            if (!Seeds.Nodes.Contains(nodeName, StringComparer.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(404, "ERR004", $"There is no cluster node '{nodeName}'.");
            }

            if (state.Cubes.IsNodeDown(nodeName))
            {
                return CubeEndpoints.NodeDown(nodeName);
            }

            if (!projectId.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(404, "ERR001", $"There are no Intelligence Servers in the cluster with the project {projectId} available.");
            }

            var (request, invalid) = await EmulatorApi.ReadAsync<ProjectStatusOperations>(context, validator, "UpdateProjectStatusOnNode");
            if (invalid is not null)
            {
                return invalid;
            }

            state.Housekeeping.ChangeProjectStatus(nodeName, StrategyEnums.ToWireName(request!.OperationList[0].Value), state.Now, state.Options.ProjectStatusDuration);
            return Results.StatusCode(202);
        });

        app.MapMethods("/api/monitors/projects/status", ["PATCH"], async (HttpContext context, string? projectId, bool? deleteSessions) =>
        {
            if (string.IsNullOrEmpty(projectId) || !projectId.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(404, "ERR001", $"There are no Intelligence Servers in the cluster with the project {projectId} available.");
            }

            var (request, invalid) = await EmulatorApi.ReadAsync<ProjectStatusRequest>(context, validator, "UpdateProjectStatus");
            if (invalid is not null)
            {
                return invalid;
            }

            if (deleteSessions == true)
            {
                state.Housekeeping.EndOthersOf(projectId);
            }

            // A stopped node is not changed: its status stays as it was when it comes back.
            foreach (var node in Seeds.Nodes.Where(node => !state.Cubes.IsNodeDown(node)))
            {
                state.Housekeeping.ChangeProjectStatus(node, StrategyEnums.ToWireName(request!.Status), state.Now, state.Options.ProjectStatusDuration);
            }

            return Results.StatusCode(202);
        });

        app.MapGet("/api/monitors/caches/contents", (HttpContext context, string? clusterNode, string? projectId, int? offset, int? limit) =>
        {
            if (string.IsNullOrEmpty(clusterNode) || !Seeds.Nodes.Contains(clusterNode, StringComparer.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(400, "ERR006", $"The cluster node '{clusterNode}' is not a node of this cluster.");
            }

            if (limit is < 1 or > 1000)
            {
                return EmulatorJson.Error(400, "ERR006", "limit must be between 1 and 1000.");
            }

            if (state.Cubes.IsNodeDown(clusterNode))
            {
                return CubeEndpoints.NodeDown(clusterNode);
            }

            var all = string.Equals(projectId, Seeds.ProjectId, StringComparison.OrdinalIgnoreCase) ? state.Housekeeping.ContentCachesOn(clusterNode) : [];
            var page = all.Skip(offset ?? 0).Take(limit ?? 1000).ToList();
            state.Housekeeping.Listed(clusterNode, page.Select(p => p.CombinedId));
            return EmulatorJson.Ok(new ContentCacheList
            {
                Total = all.Count,
                ContentCaches = page.Select(p => (IDictionary<string, ContentCache>)new Dictionary<string, ContentCache> { [p.CombinedId] = p.Cache }).ToList(),
            });
        });

        app.MapMethods("/api/v2/monitors/caches/contents", ["PATCH"], async (HttpContext context, string? clusterNode) =>
        {
            if (string.IsNullOrEmpty(clusterNode) || !Seeds.Nodes.Contains(clusterNode, StringComparer.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(400, "ERR006", $"The cluster node '{clusterNode}' is not a node of this cluster.");
            }

            if (state.Cubes.IsNodeDown(clusterNode))
            {
                return CubeEndpoints.NodeDown(clusterNode);
            }

            var (request, invalid) = await EmulatorApi.ReadAsync<ContentCacheOperations>(context, validator, "UpdateContentCaches");
            if (invalid is not null)
            {
                return invalid;
            }

            var changes = new List<(string CombinedId, string? Flag, bool? Value)>();
            foreach (var operation in request!.OperationList)
            {
                var parts = operation.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var remove = operation.Op == ContentCacheOperationOp.Remove;
                if (remove != (parts.Length == 2) || (!remove && operation.Value is null) || (parts.Length == 4 && parts[3] == "invalid" && operation.Value != true))
                {
                    return EmulatorJson.Error(400, "ERR006", $"'{operation.Op.ToString().ToLowerInvariant()} {operation.Path}' is not a change of a content cache: remove takes /contentCaches/<id>, replace takes …/status/loaded (true or false) or …/status/invalid (true).");
                }

                changes.Add((parts[1], remove ? null : parts[3], operation.Value));
            }

            return state.Housekeeping.ChangeContentCaches(clusterNode, changes) is { } missing
                ? EmulatorJson.Error(404, "ERR004", $"There is no content cache {missing} on node {clusterNode}; nothing was changed.")
                : Results.Ok();
        });

        app.MapPost("/api/monitors/deleteUserConnections", (HttpContext context, DeleteUserConnectionsRequest request) =>
        {
            if (request?.UserConnectionIds is not { Count: > 0 } ids)
            {
                return EmulatorJson.Error(400, "ERR006", "userConnectionIds is required and may not be empty.");
            }

            var statuses = ids.Select(id => (Id: id, Status: Disconnect(state, session(context), id))).ToList();
            var ended = statuses.Count(s => s.Status == 204);
            var body = new DeleteUserConnectionsResult
            {
                DeleteUserConnectionsStatus = statuses.Select(s => new UserConnectionStatus
                {
                    Id = s.Id,
                    Status = s.Status,
                    Message = s.Status switch { 204 => null, 500 => "A session cannot disconnect itself.", _ => "There is no such user connection." },
                }).ToList(),
            };
            return EmulatorJson.Ok(body, ended == statuses.Count ? 200 : ended > 0 ? 207 : 403);
        });
    }

    /// <summary>What one disconnect answers: 204 ended, 500 the caller's own session, 404 no such connection.</summary>
    private static int Disconnect(EmulatorState state, SessionRecord caller, string connectionId) =>
        caller.ConnectionId.Equals(connectionId, StringComparison.OrdinalIgnoreCase) ? 500
        : state.EndSession(connectionId) || state.Housekeeping.EndOther(connectionId) ? 204
        : 404;
}
