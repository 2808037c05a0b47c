using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>
/// Users, user groups, security roles, privileges, a security filter's members and objects' access
/// control lists, as a server answers them: bodies checked against the spec (400 ERR006), a name
/// already taken ERR0015, a session that is no administrator's 403 ERR017, Everyone's members paged
/// with x-mstr-total-count, a change all or nothing. Each changing call is counted.
/// </summary>
internal static class PeopleEndpoints
{
    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator, Func<HttpContext, SessionRecord> session)
    {
        var people = state.People;
        var group = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        {
            var method = context.HttpContext.Request.Method;
            if (method is "POST" or "PATCH" or "PUT" or "DELETE")
            {
                people.CountChange();
            }

            return people.IsAdministrator(session(context.HttpContext).UserId)
                ? await next(context)
                : EmulatorJson.Error(403, "ERR017", "You do not have the privilege to manage users, groups and security roles.");
        });

        group.MapGet("/api/users", (HttpContext context, string? nameBegins, string? abbreviationBegins, int? offset, int? limit) =>
        {
            var ids = context.Request.Query["id"].Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).ToList();
            return Json(new JArray(Page(people.FindUsers(nameBegins, abbreviationBegins, ids), offset, limit).Select(Documented.User)));
        });
        group.MapPost("/api/users", async (HttpContext context) =>
            await ReadAsync<UserCreateRequest>(context, validator, "CreateUser") is (var request, null)
                ? Answer(people.CreateUser(request!), 201, Documented.User)
                : await ProblemAsync(context, validator, "CreateUser"));
        group.MapGet("/api/users/{userId}", (string userId) => Found(people.FindUser(userId) is { } user ? Documented.User(user) : null, "user", userId));
        group.MapMethods("/api/users/{userId}", ["PATCH"], async (HttpContext context, string userId) =>
            await OperationsAsync(context, validator, "UpdateUser") is { } operations
                ? Answer(people.ChangeUser(userId, operations), 200, Documented.User)
                : await ProblemAsync(context, validator, "UpdateUser"));
        group.MapDelete("/api/users/{userId}", (string userId) => people.DeleteUser(userId) ? Results.NoContent() : NotFound("user", userId));
        group.MapGet("/api/users/{userId}/memberships", (string userId) => Found(people.MembershipsOf(userId), "user", userId));
        group.MapPost("/api/users/{userId}/addresses", async (HttpContext context, string userId) =>
            await ReadAsync<UserAddress>(context, validator, "CreateUserAddress") is (var address, null)
                ? Answer(people.AddAddress(userId, address!), 200)
                : await ProblemAsync(context, validator, "CreateUserAddress"));

        group.MapGet("/api/usergroups", (string? nameBegins, int? offset, int? limit) => Json(new JArray(Page(people.FindGroups(nameBegins), offset, limit).Select(Documented.Group))));
        group.MapPost("/api/usergroups", async (HttpContext context) =>
            await ReadAsync<UserGroupCreateRequest>(context, validator, "CreateUserGroup") is (var request, null)
                ? Answer(people.CreateGroup(request!), 201, Documented.Group)
                : await ProblemAsync(context, validator, "CreateUserGroup"));
        group.MapGet("/api/usergroups/{groupId}", (string groupId) => Found(people.FindGroup(groupId) is { } found ? Documented.Group(found) : null, "user group", groupId));
        group.MapMethods("/api/usergroups/{groupId}", ["PATCH"], async (HttpContext context, string groupId) =>
            await OperationsAsync(context, validator, "UpdateUserGroup") is { } operations
                ? Answer(people.ChangeGroup(groupId, operations), 200, Documented.Group)
                : await ProblemAsync(context, validator, "UpdateUserGroup"));
        group.MapDelete("/api/usergroups/{groupId}", (string groupId) => people.DeleteGroup(groupId) ? Results.NoContent() : NotFound("user group", groupId));
        group.MapGet("/api/usergroups/{groupId}/members", (HttpContext context, string groupId, int? offset, int? limit) =>
        {
            if (people.MembersOf(groupId) is not { } members)
            {
                return NotFound("user group", groupId);
            }

            context.Response.Headers["x-mstr-total-count"] = members.Count.ToString(CultureInfo.InvariantCulture);
            return EmulatorJson.Ok(Page(members, offset, limit));
        });

        group.MapGet("/api/securityRoles", () => Json(new JArray(people.Roles().Select(r => Documented.Role(r, listed: true)))));
        group.MapPost("/api/securityRoles", async (HttpContext context) =>
        {
            if (await ReadAsync<SecurityRoleCreateRequest>(context, validator, "CreateSecurityRole") is not (var request, null))
            {
                return await ProblemAsync(context, validator, "CreateSecurityRole");
            }

            var (id, problem) = people.CreateRole(request!);
            if (problem is not null)
            {
                return Problem(problem);
            }

            context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/api/securityRoles/{id}";
            return EmulatorJson.Ok(new CreatedObject { Id = id! }, 201);
        });
        group.MapGet("/api/securityRoles/{roleId}", (string roleId) => Found(people.FindRole(roleId) is { } role ? Documented.Role(role, listed: false) : null, "security role", roleId));
        group.MapMethods("/api/securityRoles/{roleId}", ["PATCH"], async (HttpContext context, string roleId) =>
            await OperationsAsync(context, validator, "UpdateSecurityRole") is { } operations
                ? Answer(people.ChangeRole(roleId, operations), 200, r => Documented.Role(r, listed: false))
                : await ProblemAsync(context, validator, "UpdateSecurityRole"));
        group.MapDelete("/api/securityRoles/{roleId}", (string roleId) => people.DeleteRole(roleId) ? Results.NoContent() : NotFound("security role", roleId));
        group.MapGet("/api/securityRoles/{roleId}/projects/{projectId}/members", (string roleId, string projectId) =>
            projectId.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase) ? Found(people.RoleMembers(roleId, projectId), "security role", roleId) : NotFound("project", projectId));
        group.MapGet("/api/iserver/privileges", () => EmulatorJson.Ok(PeopleState.Privileges));

        group.MapGet("/api/securityFilters/{securityFilterId}/members", (HttpContext context, string securityFilterId) =>
            EmulatorApi.RequireProject(context) ?? (IsFilter(securityFilterId) ? EmulatorJson.Ok(people.FilterMembers()) : NotFound("security filter", securityFilterId)));
        group.MapMethods("/api/securityFilters/{securityFilterId}/members", ["PATCH"], async (HttpContext context, string securityFilterId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } wrongProject)
            {
                return wrongProject;
            }

            if (await OperationsAsync(context, validator, "UpdateSecurityFilterMembers") is not { } operations)
            {
                return await ProblemAsync(context, validator, "UpdateSecurityFilterMembers");
            }

            if (!IsFilter(securityFilterId))
            {
                return NotFound("security filter", securityFilterId);
            }

            // As the docs show it: 200 for addElements, 204 for removeElements.
            return people.ChangeFilterMembers(operations) is { } problem
                ? Problem(problem)
                : operations.All(o => (o.Value<string>("op") ?? string.Empty).StartsWith("remove", StringComparison.Ordinal)) ? Results.NoContent() : Results.Ok();
        });
    }

    /// <summary>Changes an object's access control list (PUT /api/objects/{id}); the object's lookup is the caller's.</summary>
    public static async Task<IResult> ChangeAclAsync(HttpContext context, EmulatorState state, SpecValidator validator, string objectId, Func<IList<AccessControlEntry>, MetadataObject> answer)
    {
        state.People.CountChange();
        if (await ReadAsync<AclChangeRequest>(context, validator, "UpdateObjectAcl") is not (var request, null))
        {
            return await ProblemAsync(context, validator, "UpdateObjectAcl");
        }

        return state.People.ChangeAcl(objectId, [.. request!.Acl]) is { } problem ? Problem(problem) : EmulatorJson.Ok(answer(state.People.AclOf(objectId)));
    }

    private static bool IsFilter(string id) => id.Equals(PeopleState.RegionFilterId, StringComparison.OrdinalIgnoreCase);

    /// <summary>A page of a list: <c>limit</c> -1 (or none) is "all", as the server reads it.</summary>
    private static IReadOnlyList<T> Page<T>(IReadOnlyList<T> all, int? offset, int? limit) =>
        [.. all.Skip(Math.Max(0, offset ?? 0)).Take(limit is null or < 0 ? int.MaxValue : limit.Value)];

    private static IResult Found(object? found, string what, string id) => found switch
    {
        null => NotFound(what, id),
        JToken json => Json(json),
        _ => EmulatorJson.Ok(found),
    };

    private static IResult Answer<T>((T? Value, string? Problem) result, int status, Func<T, JObject>? documented = null)
        where T : class =>
        result.Problem is { } problem ? Problem(problem) : documented is null ? EmulatorJson.Ok(result.Value!, status) : Json(documented(result.Value!), status);

    private static IResult Json(JToken body, int status = 200) => Results.Text(body.ToString(Newtonsoft.Json.Formatting.None), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>A state's problem, <c>CODE:message</c>, as the server answers it.</summary>
    private static IResult Problem(string problem)
    {
        var code = problem[..problem.IndexOf(':', StringComparison.Ordinal)];
        var message = problem[(code.Length + 1)..];
        return EmulatorJson.Error(code == "ERR004" ? 404 : 400, code, message);
    }

    private static IResult NotFound(string what, string id) => EmulatorJson.Error(404, "ERR004", $"There is no {what} {id}.");

    private const string BodyItem = "strategy.people.body";

    /// <summary>The body checked against the spec and read; the problem stays in the context for <see cref="ProblemAsync"/>.</summary>
    private static async Task<(T? Body, string? Problem)> ReadAsync<T>(HttpContext context, SpecValidator validator, string operationId)
        where T : class
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        context.Items[BodyItem] = text;
        return validator.Validate(operationId, text) is { } problem ? (null, problem) : (EmulatorJson.Read<T>(text), null);
    }

    private static async Task<IReadOnlyList<JObject>?> OperationsAsync(HttpContext context, SpecValidator validator, string operationId)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        context.Items[BodyItem] = text;
        return validator.Validate(operationId, text) is null ? [.. ((JArray)JObject.Parse(text)["operationList"]!).OfType<JObject>()] : null;
    }

    private static Task<IResult> ProblemAsync(HttpContext context, SpecValidator validator, string operationId) =>
        Task.FromResult(EmulatorJson.Error(400, "ERR006", validator.Validate(operationId, context.Items[BodyItem] as string ?? string.Empty) ?? "The request body is not valid."));
}
