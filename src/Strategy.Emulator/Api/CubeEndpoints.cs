using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Strategy.Emulator.Api;

/// <summary>Intelligent Cubes: publish through jobs on two nodes, their status flags, the job monitor, the cube caches and the quick search that finds them.</summary>
internal static class CubeEndpoints
{
    private const int CachePageLimit = 1000;

    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        var cubes = state.Cubes;
        app.MapPost("/api/v2/cubes/{cubeId}", (HttpContext context, string cubeId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            if (cubes.Find(cubeId) is not { } cube)
            {
                return CubeNotFound(cubeId);
            }

            var (job, rejected) = cubes.Publish(cube, "Administrator");
            return job is null
                ? EmulatorJson.Error(500, "ERR001", rejected!)
                : EmulatorJson.Ok(new CubeJob { Id = job.Id, JobId = job.Number }, StatusCodes.Status202Accepted);
        });

        app.MapGet("/api/v2/cubes/{cubeId}", (HttpContext context, string cubeId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            return cubes.Find(cubeId) is { } cube
                ? EmulatorJson.Ok(new CubeDefinition
                {
                    Id = cube.Id,
                    Name = cube.Name,
                    Definition = new Dictionary<string, object>
                    {
                        ["availableObjects"] = new Dictionary<string, object>
                        {
                            ["attributes"] = new[] { new { id = Seeds.AttributeId, name = "Region", type = "Attribute" } },
                            ["metrics"] = new[] { new { id = "4C05177011D3E877C000B3B2D86C964F", name = "Revenue", type = "Metric" } },
                        },
                    },
                })
                : CubeNotFound(cubeId);
        });

        app.MapMethods("/api/cubes/{cubeId}", ["HEAD"], (HttpContext context, string cubeId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            if (cubes.Find(cubeId) is not { } cube)
            {
                return Results.StatusCode(StatusCodes.Status404NotFound);
            }

            context.Response.Headers["X-MSTR-CubeStatus"] = cubes.FlagsOf(cube).ToString(CultureInfo.InvariantCulture);
            return Results.Ok();
        });

        app.MapGet("/api/searches/results", (HttpContext context, string? name, int? pattern, int? offset, int? limit) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            var types = context.Request.Query["type"].Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var type) ? type : -1).ToHashSet();
            // As a server answers: report definitions are type 3 with their subtype (768 grid, 776 cube,
            // 779 super cube); documents type 55. A type filter matches a type or a subtype.
            var found = ProjectObjects.All(cubes)
                .Where(r => types.Count == 0 || types.Contains(r.Type ?? 0) || types.Contains(r.Subtype ?? 0))
                .Where(r => Matches(r.Name ?? string.Empty, name, pattern ?? 4))
                .ToList();
            var page = found.Skip(Math.Max(0, offset ?? 0)).Take(limit is null or < 0 ? int.MaxValue : limit.Value).ToList();
            return EmulatorJson.Ok(new SearchResults { TotalItems = found.Count, Result = page });
        });

        app.MapGet("/api/v2/monitors/jobs/{jobId}", (string jobId, string? fields) =>
            cubes.FindJob(jobId) is { } job
                ? EmulatorJson.Ok(EmulatorJson.OnlyFields(job.ToModel(state.Now), fields))
                : JobNotFound(jobId));

        app.MapDelete("/api/v2/monitors/jobs/{jobId}", (string jobId) =>
        {
            if (cubes.FindJob(jobId) is not { } job)
            {
                return JobNotFound(jobId);
            }

            cubes.Cancel(job);
            return Results.NoContent();
        });

        app.MapGet("/api/v2/monitors/jobs", (HttpContext context, string? nodeName, string? objectType, string? type, string? projectId, string? fields) =>
        {
            if (string.IsNullOrWhiteSpace(nodeName))
            {
                return EmulatorJson.Error(400, "ERR006", "The nodeName query parameter is required.");
            }

            if (!Seeds.Nodes.Contains(nodeName, StringComparer.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(400, "ERR006", $"Node {nodeName} is not in the cluster.");
            }

            var objectIds = context.Request.Query["objectId"].OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            var statuses = context.Request.Query["status"].OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            var now = state.Now;
            var jobs = cubes.JobsOn(nodeName)
                .Select(j => j.ToModel(now))
                .Where(j => objectIds.Count == 0 || objectIds.Contains(j.ObjectId ?? string.Empty))
                .Where(j => statuses.Count == 0 || statuses.Contains(EmulatorJson.WireName(j.Status!.Value)))
                .Where(j => objectType is null || string.Equals(j.ObjectType, objectType, StringComparison.OrdinalIgnoreCase))
                .Where(j => type is null || string.Equals(j.Type, type, StringComparison.OrdinalIgnoreCase))
                .Where(j => projectId is null || string.Equals(j.ProjectId, projectId, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return EmulatorJson.Ok(EmulatorJson.OnlyFields(new MonitorJobList { Jobs = jobs }, fields));
        });

        app.MapPost("/api/v2/monitors/cancelJobs", async (HttpContext context) =>
        {
            var (body, invalid) = await EmulatorApi.ReadAsync<CancelJobsRequest>(context, validator, "CancelJobs");
            if (invalid is not null)
            {
                return invalid;
            }

            var statuses = body!.JobIds.Select(id => cubes.FindJob(id) is { } job && cubes.Cancel(job)
                    ? new JobCancellation { JobId = id, Status = "succeeded" }
                    : new JobCancellation { JobId = id, Status = "failed", ErrorCode = "ERR004", Message = $"Job {id} is not running." })
                .ToList();
            return EmulatorJson.Ok(
                new CancelJobsResult { JobCancellationStatus = statuses },
                statuses.All(s => s.Status == "succeeded") ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus);
        });

        app.MapGet("/api/monitors/caches/cubes", (string? clusterNode, string? projectIds, HttpContext context, int? offset, int? limit) =>
        {
            if (string.IsNullOrWhiteSpace(clusterNode))
            {
                return EmulatorJson.Error(400, "ERR006", "The clusterNode query parameter is required.");
            }

            if (cubes.IsNodeDown(clusterNode))
            {
                return NodeDown(clusterNode);
            }

            // The REST docs' words for a limit outside 1 to 1000, and for a negative offset.
            if (limit is < 1 or > CachePageLimit)
            {
                return EmulatorJson.Error(400, "ERR006", $"The limit value {limit} is not valid, it must be greater than or equal to 1, and less than or equal to {CachePageLimit}");
            }

            if (offset is < 0)
            {
                return EmulatorJson.Error(400, "ERR006", $"The offset value {offset} is not valid, it must be greater than or equal to 0");
            }

            var projects = projectIds?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var loaded = context.Request.Query["state.loadedState"].FirstOrDefault();
            var caches = cubes.CachesOn(clusterNode)
                .Where(c => projects is null || projects.Contains(c.ProjectId ?? string.Empty))
                .Where(c => loaded is null || (c.State?.LoadedState is { } state && EmulatorJson.WireName(state) == loaded))
                .ToList();
            var page = caches.Skip(offset ?? 0).Take(limit ?? CachePageLimit).ToList();
            return EmulatorJson.Ok(new CubeCacheList
            {
                Offset = offset ?? 0,
                Limit = limit ?? CachePageLimit,
                Total = caches.Count,
                Loaded = caches.Count(c => c.State?.LoadedState == CubeCacheLoadedState.Loaded),
                Unloaded = caches.Count(c => c.State?.LoadedState == CubeCacheLoadedState.Unloaded),
                CubeCaches = page,
            });
        });

        app.MapGet("/api/monitors/caches/cubes/{cacheId}", (string cacheId) =>
        {
            var (cube, node) = cubes.FindCache(cacheId);
            if (node is not null && cubes.IsNodeDown(node))
            {
                return NodeDown(node);
            }

            return cube is null ? CacheNotFound(cacheId) : EmulatorJson.Ok(cubes.CacheOf(cube)!);
        });

        app.MapMethods("/api/monitors/caches/cubes/{cacheId}", ["PATCH"], async (HttpContext context, string cacheId) =>
        {
            if (!string.Equals(context.Request.Headers["Prefer"].FirstOrDefault(), "respond-async", StringComparison.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(400, "ERR006", "A cube cache change needs the header Prefer: respond-async.");
            }

            var (body, invalid) = await EmulatorApi.ReadAsync<CubeCacheChange>(context, validator, "UpdateCubeCache");
            if (invalid is not null)
            {
                return invalid;
            }

            var (cube, node) = cubes.FindCache(cacheId);
            if (node is not null && cubes.IsNodeDown(node))
            {
                return NodeDown(node);
            }

            if (cube is null)
            {
                return CacheNotFound(cacheId);
            }

            var active = body!.State.Active;
            var loadedState = body.State.LoadedState is { } wanted ? EmulatorJson.WireName(wanted) : null;
            if (active is not null && loadedState is not null)
            {
                return EmulatorJson.Error(400, "ERR006", "Change either state.active or state.loadedState in one request, not both.");
            }

            if (active is null && loadedState is null)
            {
                return EmulatorJson.Error(400, "ERR006", "Change state.active or state.loadedState.");
            }

            var manipulation = cubes.Manipulate(cube, active, loadedState);
            return EmulatorJson.Ok(new CubeCacheManipulation { ManipulationId = manipulation.Id, Status = CubeCacheManipulationStatus.Executing }, StatusCodes.Status202Accepted);
        });

        app.MapGet("/api/monitors/caches/cubes/manipulations/{manipulationId}/status", (string manipulationId) =>
            cubes.FindManipulation(manipulationId) is { } manipulation
                ? EmulatorJson.Ok(manipulation.ToModel(state.Now))
                // The REST docs: an id that is not a manipulation's answers 400 "Invalid manipulation id".
                : EmulatorJson.Error(400, "ERR006", $"Invalid manipulation id {manipulationId}"));
    }

    /// <summary>The control endpoints of the cube workflow: fail the next publish, make the next job vanish early, take a node down.</summary>
    public static void MapControl(RouteGroupBuilder control, EmulatorState state)
    {
        control.MapPost("/fail-next/cube-publish", async (HttpContext context) =>
        {
            // The message as plain text, a JSON string, or {"message": "..."}.
            var message = (await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted)).Trim();
            if (message.StartsWith('{') || message.StartsWith('"'))
            {
                var token = Newtonsoft.Json.Linq.JToken.Parse(message);
                message = (string?)(token is Newtonsoft.Json.Linq.JObject body ? body["message"] : token) ?? string.Empty;
            }

            state.Cubes.FailNextPublish(message.Length > 0 ? message : "Intelligent Cube publication failed: the warehouse table is not available.");
            return Results.NoContent();
        });
        control.MapPost("/vanish-next/job", () =>
        {
            state.Cubes.VanishNextJob();
            return Results.NoContent();
        });
        control.MapPost("/hold-next/job", () =>
        {
            state.Cubes.HoldNextJob();
            return Results.NoContent();
        });
        control.MapPost("/nodes/{node}/down", (string node) =>
        {
            state.Cubes.SetNodeDown(node, down: true);
            return Results.NoContent();
        });
        control.MapPost("/nodes/{node}/up", (string node) =>
        {
            state.Cubes.SetNodeDown(node, down: false);
            return Results.NoContent();
        });
        control.MapPost("/expire-next/content-caches", () =>
        {
            state.Housekeeping.ExpireAfterNextList();
            return Results.NoContent();
        });
        control.MapPost("/nodes/{node}/hold-next/project-status", (string node) =>
        {
            if (!Seeds.Nodes.Contains(node, StringComparer.OrdinalIgnoreCase))
            {
                return EmulatorJson.Error(404, "ERR004", $"There is no cluster node '{node}'.");
            }

            state.Housekeeping.HoldNextProjectChange(node);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// A name against a quick search's words, by the server's search type (EnumDSSXMLSearchTypes, as the
    /// official client's search_enums.py numbers it): 0 contains any word, 1 begins with, 2 exactly,
    /// 3 begins with the phrase, 4 contains, 5 ends with.
    /// </summary>
    private static bool Matches(string name, string? wanted, int pattern) =>
        string.IsNullOrEmpty(wanted) || pattern switch
        {
            0 => wanted.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)),
            1 or 3 => name.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
            2 => name.Equals(wanted, StringComparison.OrdinalIgnoreCase),
            5 => name.EndsWith(wanted, StringComparison.OrdinalIgnoreCase),
            _ => name.Contains(wanted, StringComparison.OrdinalIgnoreCase),
        };

    private static IResult CubeNotFound(string cubeId) => EmulatorJson.Error(404, "ERR004", $"Intelligent Cube {cubeId} was not found in the project.");

    private static IResult JobNotFound(string jobId) => EmulatorJson.Error(404, "ERR004", $"Job {jobId} was not found on the monitor.");

    private static IResult CacheNotFound(string cacheId) => EmulatorJson.Error(404, "ERR004", $"Cube cache {cacheId} was not found.");

    internal static IResult NodeDown(string node) => EmulatorJson.Error(503, "ERR001", $"The cluster node {node} is not connected.");
}
