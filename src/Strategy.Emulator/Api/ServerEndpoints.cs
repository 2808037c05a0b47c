using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Strategy.Emulator.State;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Strategy.Emulator.Api;

/// <summary>What the official Python client reads when it connects to a project: the projects, the project as an object, and the cluster's nodes.</summary>
internal static class ServerEndpoints
{
    private const int ProjectType = 32;

    public static void Map(WebApplication app, EmulatorState state, Validation.SpecValidator validator)
    {
        app.MapGet("/api/projects", () => EmulatorJson.Ok(new[]
        {
            new Project { Id = Seeds.ProjectId, Name = Seeds.ProjectName, Alias = string.Empty, Description = "The tutorial project.", Status = 0 },
        }));

        app.MapGet("/api/objects/{objectId}", (HttpContext context, string objectId, int? type) =>
            FindObject(context, state, objectId, type) is ({ } found, _) ? EmulatorJson.Ok(WithAcl(found, state.People.AclOf(objectId))) : FindObject(context, state, objectId, type).Problem!);

        app.MapPut("/api/objects/{objectId}", async (HttpContext context, string objectId, int? type) =>
            FindObject(context, state, objectId, type) is ({ } found, _)
                ? await PeopleEndpoints.ChangeAclAsync(context, state, validator, objectId, acl => WithAcl(found, acl))
                : FindObject(context, state, objectId, type).Problem!);

        app.MapGet("/api/monitors/iServer/nodes", (HttpContext context) =>
        {
            var projectId = context.Request.Query["projects.id"].FirstOrDefault();
            var listed = string.IsNullOrEmpty(projectId) || projectId.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase);
            var name = context.Request.Query["name"].FirstOrDefault();

            // A stopped node reports no projects: it cannot say how they are.
            return EmulatorJson.Ok(new ClusterNodeList
            {
                Nodes = Seeds.Nodes
                    .Where(node => string.IsNullOrEmpty(name) || node.Equals(name, StringComparison.OrdinalIgnoreCase))
                    .Select(node => state.Cubes.IsNodeDown(node)
                        ? new ClusterNode { Name = node, Address = "127.0.0.1", Port = 34952, Status = "stopped", Projects = [] }
                        : new ClusterNode
                        {
                            Name = node,
                            Address = "127.0.0.1",
                            Port = 34952,
                            Status = "running",
                            Projects = listed ? [new() { Id = Seeds.ProjectId, Name = Seeds.ProjectName, Status = state.Housekeeping.ProjectStatusOn(node, state.Now) }] : [],
                        })
                    .ToList(),
            });
        });
    }

    private static MetadataObject WithAcl(MetadataObject found, IList<AccessControlEntry> acl)
    {
        found.Acl = acl;
        return found;
    }

    /// <summary>The object a GET or PUT of /api/objects/{id} names, or the error the server answers.</summary>
    private static (MetadataObject? Found, IResult? Problem) FindObject(HttpContext context, EmulatorState state, string objectId, int? type)
    {
        if (type is null)
        {
            return (null, EmulatorJson.Error(400, "ERR006", "The type query parameter is required."));
        }

        if (type == ProjectType && objectId.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase))
        {
            return (new MetadataObject
            {
                Id = Seeds.ProjectId,
                Name = Seeds.ProjectName,
                Type = ProjectType,
                Subtype = 8192,
                Description = "The tutorial project.",
                DateCreated = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero),
                DateModified = state.Now,
                Owner = new ObjectReference { Id = Seeds.AdministratorId, Name = "Administrator" },
            }, null);
        }

        // A project object is found only in the project the header names; without one the server
        // looks outside every project (the official client's objects.py says so).
        var inProject = context.Request.Headers.ContainsKey(StrategyHeaders.ProjectId);
        if (inProject && EmulatorApi.RequireProject(context) is { } wrongProject)
        {
            return (null, wrongProject);
        }

        var found = inProject
            ? ProjectObjects.All(state.Cubes).FirstOrDefault(o => o.Type == type && objectId.Equals(o.Id, StringComparison.OrdinalIgnoreCase))
            : null;
        return found is null
            ? (null, EmulatorJson.Error(404, "ERR004", $"Object {objectId} of type {type} was not found."))
            : (new MetadataObject
            {
                Id = found.Id!,
                Name = found.Name ?? string.Empty,
                Type = found.Type,
                Subtype = found.Subtype,
                DateCreated = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero),
                DateModified = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero),
                Owner = new ObjectReference { Id = Seeds.AdministratorId, Name = "Administrator" },
            }, null);
    }
}
