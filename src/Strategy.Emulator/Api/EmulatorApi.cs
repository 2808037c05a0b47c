using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Strategy.Emulator.Faults;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Strategy.Emulator.Api;

/// <summary>Maps every operation of the spec, plus the control endpoints, onto the emulator's state.</summary>
internal static class EmulatorApi
{
    public const string ControlPrefix = "/__emulator";

    private const string SessionItem = "strategy.session";

    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator, FaultInjector faults)
    {
        app.Use((context, next) => InjectFaultsAsync(context, next, faults));
        app.Use((context, next) => RequireSessionAsync(context, next, state));

        MapControl(app, state, faults);
        MapAuthentication(app, state, validator);
        MapSchema(app, state, validator);
        MapDataModels(app, state, validator);
        SubscriptionEndpoints.Map(app, state, validator);
        app.MapGet("/api/schedules", () => EmulatorJson.Ok(new ScheduleList { Schedules = [.. SubscriptionEndpoints.Schedules.Values] }));
    }

    /// <summary>Applies the next matching fault: a delay, a dropped connection, or an error status.</summary>
    private static async Task InjectFaultsAsync(HttpContext context, RequestDelegate next, FaultInjector faults)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || faults.Take(context.Request.Method, path) is not { } fault)
        {
            await next(context);
            return;
        }

        if (fault.Delay is { } delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (fault.DropConnection)
        {
            context.Abort();
            return;
        }

        if (fault.Status is { } status)
        {
            if (fault.AfterHandling)
            {
                // The server acts, but the client never learns the outcome.
                var original = context.Response.Body;
                context.Response.Body = Stream.Null;
                await next(context);
                context.Response.Body = original;
                context.Response.Clear();
            }

            context.Response.StatusCode = status;
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            if (status >= 500)
            {
                await EmulatorJson.Error(status, "ERR001", "Injected fault.").ExecuteAsync(context);
            }

            return;
        }

        await next(context);
    }

    /// <summary>Every API call but login needs a live session token (401 ERR009 otherwise); the cookie is accepted, not required.</summary>
    private static async Task RequireSessionAsync(HttpContext context, RequestDelegate next, EmulatorState state)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var session = state.UseSession(context.Request.Headers[StrategyHeaders.AuthToken].FirstOrDefault());
        if (session is null)
        {
            await EmulatorJson.Error(401, "ERR009", "The user's session has expired or is invalid; please log in again.").ExecuteAsync(context);
            return;
        }

        context.Items[SessionItem] = session;
        await next(context);
    }

    private static void MapControl(WebApplication app, EmulatorState state, FaultInjector faults)
    {
        var control = app.MapGroup(ControlPrefix);
        control.MapPost("/faults", async (HttpContext context) =>
        {
            var rule = EmulatorJson.Read<FaultRule>(await new StreamReader(context.Request.Body).ReadToEndAsync());
            if (rule is null || rule.Count < 1)
            {
                return EmulatorJson.Error(400, "ERR006", "Send a fault rule with a count of at least 1.");
            }

            faults.Add(rule);
            return Results.NoContent();
        });
        control.MapDelete("/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapPost("/sessions/expire", () => EmulatorJson.Ok(new { expired = state.ExpireAllSessions() }));
        control.MapPost("/instances/expire", () => EmulatorJson.Ok(new { expired = state.ExpireAllInstances() }));
        control.MapPost("/fail-next/task", () =>
        {
            state.FailNextTask();
            return Results.NoContent();
        });
        control.MapPost("/fail-next/publish", () =>
        {
            state.FailNextPublish();
            return Results.NoContent();
        });
        control.MapGet("/state", () => EmulatorJson.Ok(new { sessions = state.SessionCount, instances = state.InstanceCount }));
    }

    private static void MapAuthentication(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        app.MapPost("/api/auth/login", async (HttpContext context) =>
        {
            var (body, invalid) = await ReadAsync<LoginRequest>(context, validator, "Login");
            if (invalid is not null)
            {
                return invalid;
            }

            var options = state.Options;
            var accepted = body!.LoginMode switch
            {
                LoginMode.Standard or LoginMode.Ldap => body.Username == options.Username && (body.Password ?? string.Empty) == options.Password,
                LoginMode.ApiToken => body.Password == options.ApiToken || body.Username == options.ApiToken,
                _ => false,
            };
            if (!accepted)
            {
                return EmulatorJson.Error(401, "ERR003", "Invalid login credentials.");
            }

            var session = state.OpenSession();
            context.Response.Headers[StrategyHeaders.AuthToken] = session.Token;
            context.Response.Cookies.Append("JSESSIONID", session.Cookie, new CookieOptions { HttpOnly = true, Path = "/" });
            return Results.NoContent();
        });

        app.MapPost("/api/auth/logout", (HttpContext context) =>
        {
            state.CloseSession(Session(context).Token);
            return Results.NoContent();
        });

        app.MapGet("/api/sessions", () => EmulatorJson.Ok(new SessionInfo
        {
            Id = Seeds.AdministratorId,
            FullName = "Administrator",
            Initials = "A",
            Locale = 1033,
            MaxSearch = 3,
            WorkingSet = 10,
            Timeout = (int)state.Options.SessionIdleTimeout.TotalSeconds,
        }));

        app.MapPut("/api/sessions", () => Results.NoContent());
    }

    private static void MapSchema(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        app.MapPost("/api/model/schema/reload", async (HttpContext context) =>
        {
            if (RequireProject(context) is { } noProject)
            {
                return noProject;
            }

            var (_, invalid) = await ReadAsync<SchemaReloadRequest>(context, validator, "ReloadSchema");
            if (invalid is not null)
            {
                return invalid;
            }

            var task = state.StartTask("reloadSchema");
            var asynchronous = context.Request.Headers[StrategyHeaders.Prefer].Any(v => v?.Contains("respond-async", StringComparison.OrdinalIgnoreCase) == true);
            if (!asynchronous)
            {
                // Without Prefer the reload runs before the answer.
                return task.Fails ? EmulatorJson.Error(500, "ERR002", "The schema reload failed (injected fault).") : Results.StatusCode(201);
            }

            return EmulatorJson.Ok(task.ToModel(state.Now), StatusCodes.Status202Accepted);
        });

        app.MapGet("/api/model/tasks/{taskId}", (HttpContext context, string taskId) =>
        {
            if (RequireProject(context) is { } noProject)
            {
                return noProject;
            }

            return state.FindTask(taskId) is { } task
                ? EmulatorJson.Ok(task.ToModel(state.Now))
                : EmulatorJson.Error(404, "ERR004", $"Task {taskId} was not found.");
        });
    }

    private static void MapDataModels(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        app.MapPost("/api/dataModels/{dataModelId}/instances", (HttpContext context, string dataModelId) =>
        {
            if ((RequireProject(context) ?? RequireDataModel(dataModelId)) is { } error)
            {
                return error;
            }

            context.Response.Headers[StrategyHeaders.DataModelInstanceId] = state.CreateInstance(dataModelId).Id;
            return Results.NoContent();
        });

        app.MapDelete("/api/dataModels/{dataModelId}/instances/{instanceId}", (HttpContext context, string dataModelId, string instanceId) =>
        {
            if ((RequireProject(context) ?? RequireDataModel(dataModelId)) is { } error)
            {
                return error;
            }

            return state.DeleteInstance(dataModelId, instanceId)
                ? Results.NoContent()
                : EmulatorJson.Error(404, "ERR004", $"Data model instance {instanceId} was not found or has expired.");
        });

        app.MapGet("/api/model/dataModels/{dataModelId}/tables", (HttpContext context, string dataModelId, int? offset, int? limit) =>
        {
            if ((RequireProject(context) ?? RequireDataModel(dataModelId)) is { } error)
            {
                return error;
            }

            var skip = Math.Max(offset ?? 0, 0);
            var tables = Seeds.Tables.Skip(skip);
            var page = (limit is null or < 0 ? tables : tables.Take(limit.Value)).Select(t => new DataModelTable
            {
                Information = new ObjectInformation
                {
                    ObjectId = t.Id,
                    Name = t.Name,
                    SubType = "logical_table",
                    DateCreated = new DateTimeOffset(2025, 8, 4, 1, 25, 1, 671, TimeSpan.Zero),
                    DateModified = new DateTimeOffset(2025, 8, 4, 2, 20, 51, 363, TimeSpan.Zero),
                    VersionId = t.Id[..16] + t.Id[16..].ToUpperInvariant(),
                    Acg = 255,
                    PrimaryLocale = "en-US",
                },
            }).ToList();
            return EmulatorJson.Ok(new DataModelTableList { Offset = skip, Limit = limit ?? -1, Total = Seeds.Tables.Count, Tables = page });
        });

        app.MapPost("/api/dataModels/{dataModelId}/publish", async (HttpContext context, string dataModelId) =>
        {
            if ((RequireProject(context) ?? RequireDataModel(dataModelId)) is { } error)
            {
                return error;
            }

            var instance = state.UseInstance(dataModelId, context.Request.Headers[StrategyHeaders.DataModelInstanceId].FirstOrDefault());
            if (instance is null)
            {
                return EmulatorJson.Error(404, "ERR004", "The data model instance was not found or has expired; create a new one.");
            }

            var (body, invalid) = await ReadAsync<PublishRequest>(context, validator, "PublishDataModel");
            if (invalid is not null)
            {
                return invalid;
            }

            var unknown = body!.Tables.FirstOrDefault(t => Seeds.Tables.All(s => !s.Id.Equals(t.Id, StringComparison.OrdinalIgnoreCase)));
            if (unknown is not null)
            {
                return EmulatorJson.Error(400, "ERR006", $"Table {unknown.Id} is not in data model {dataModelId}.");
            }

            return state.StartPublish(instance, body.Tables.ToList())
                ? Results.NoContent()
                : EmulatorJson.Error(500, "ERR001", $"Data model {dataModelId} is already being published.");
        });

        app.MapGet("/api/dataModels/{dataModelId}/publishStatus", (HttpContext context, string dataModelId) =>
        {
            if ((RequireProject(context) ?? RequireDataModel(dataModelId)) is { } error)
            {
                return error;
            }

            var instance = state.UseInstance(dataModelId, context.Request.Headers[StrategyHeaders.DataModelInstanceId].FirstOrDefault());
            if (instance is null)
            {
                return EmulatorJson.Error(404, "ERR004", "The data model instance was not found or has expired; create a new one.");
            }

            return EmulatorJson.Ok(instance.Publish?.ToModel(state.Now) ?? new PublishStatus { Status = 1 });
        });
    }

    /// <summary>400 ERR006 when the project header is missing, 404 ERR004 when it names another project.</summary>
    internal static IResult? RequireProject(HttpContext context)
    {
        var project = context.Request.Headers[StrategyHeaders.ProjectId].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(project))
        {
            return EmulatorJson.Error(400, "ERR006", "The X-MSTR-ProjectID header is required.");
        }

        return project.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase)
            ? null
            : EmulatorJson.Error(404, "ERR004", $"Project {project} was not found.");
    }

    private static IResult? RequireDataModel(string dataModelId) =>
        dataModelId.Equals(Seeds.DataModelId, StringComparison.OrdinalIgnoreCase)
            ? null
            : EmulatorJson.Error(404, "ERR004", $"Data model {dataModelId} was not found.");

    /// <summary>Reads a body after validating it against the operation's schema (400 ERR006 naming the field otherwise).</summary>
    internal static async Task<(T? Body, IResult? Invalid)> ReadAsync<T>(HttpContext context, SpecValidator validator, string operationId)
        where T : class
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (validator.Validate(operationId, text) is { } problem)
        {
            return (null, EmulatorJson.Error(400, "ERR006", problem));
        }

        return (EmulatorJson.Read<T>(text), null);
    }

    private static SessionRecord Session(HttpContext context) => (SessionRecord)context.Items[SessionItem]!;
}
