using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json;
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

    private const string SessionCookie = "JSESSIONID";

    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator, FaultInjector faults)
    {
        app.Use(AnswerBareErrorsWithJsonAsync);
        app.Use((context, next) => InjectFaultsAsync(context, next, faults));
        app.Use((context, next) => RequireSessionAsync(context, next, state));
        app.Use((context, next) => VersionGate.InvokeAsync(context, next, state.Options));

        MapControl(app, state, faults);
        app.MapGet("/api/status", () => EmulatorJson.Ok(new ServerStatus
        {
            WebVersion = state.Options.ServerVersion,
            IServerVersion = state.Options.ServerVersion,
            IsIServerConfigured = true,
            DeploymentType = "on_premise",
        }));
        MapAuthentication(app, state, validator);
        MapSchema(app, state, validator);
        MapDataModels(app, state, validator);
        SubscriptionEndpoints.Map(app, state, validator);
        ScheduleEndpoints.Map(app, state);
        ServerEndpoints.Map(app, state, validator);
        HousekeepingEndpoints.Map(app, state, validator, Session);
        CubeEndpoints.Map(app, state, validator);
        ReportEndpoints.Map(app, state, validator);
        DocumentEndpoints.Map(app, state, validator);
        PeopleEndpoints.Map(app, state, validator, Session);
        Store.SpecStoreEndpoints.Map(app, validator, state.Store);
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

        if (fault.DelayAnswer is { } late)
        {
            // The request takes effect now; its answer is held back, as a slow proxy or a busy server does.
            var original = context.Response.Body;
            using var held = new MemoryStream();
            context.Response.Body = held;
            await next(context);
            await Task.Delay(late, context.RequestAborted);
            context.Response.Body = original;
            held.Position = 0;
            await held.CopyToAsync(original, context.RequestAborted);
            return;
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

    /// <summary>A 404 or 405 that no endpoint wrote a body for (an unknown route) answers a JSON ERR004, as a server does.</summary>
    private static async Task AnswerBareErrorsWithJsonAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Response is { HasStarted: false, StatusCode: 404 or 405, ContentLength: null, ContentType: null }
            && (context.Request.Path.Value ?? string.Empty).StartsWith("/api/", StringComparison.Ordinal))
        {
            await UnknownRoute(context).ExecuteAsync(context);
        }
    }

    internal static IResult UnknownRoute(HttpContext context) =>
        EmulatorJson.Error(404, "ERR004", $"No resource answers {context.Request.Method} {context.Request.PathBase}{context.Request.Path}.");

    /// <summary>
    /// Every API call but login and status needs the token <b>and</b> the session cookie login set
    /// (401 ERR009 otherwise), as a server, or a cluster behind a sticky load balancer, does.
    /// </summary>
    private static async Task RequireSessionAsync(HttpContext context, RequestDelegate next, EmulatorState state)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith("/api/", StringComparison.Ordinal)
            || path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/api/status", StringComparison.OrdinalIgnoreCase))
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

        if (context.Request.Cookies[SessionCookie] != session.Cookie)
        {
            state.CountRequestWithoutCookie();
            await EmulatorJson.Error(401, "ERR009", "The session cookie is missing or belongs to another session; please log in again.").ExecuteAsync(context);
            return;
        }

        context.Items[SessionItem] = session;
        if (context.Request.Headers.ContainsKey(StrategyHeaders.ProjectId) && state.PastSessionLimit(session))
        {
            // As a server's governing setting: the login succeeded, the project call fails.
            await EmulatorJson.Error(500, "ERR001", "Maximum number of interactive session per user for project exceeded.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static void MapControl(WebApplication app, EmulatorState state, FaultInjector faults)
    {
        var control = app.MapGroup(ControlPrefix);
        CubeEndpoints.MapControl(control, state);
        DocumentEndpoints.MapControl(control, state);
        control.MapPost("/faults", async (HttpContext context) =>
        {
            FaultRule? rule;
            try
            {
                rule = EmulatorJson.Read<FaultRule>(await new StreamReader(context.Request.Body).ReadToEndAsync());
            }
            catch (JsonException ex)
            {
                return EmulatorJson.Error(400, "ERR006", $"The fault rule could not be read: {ex.Message}");
            }

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
        control.MapPost("/fail-next/subscription", () =>
        {
            state.EndNextRunWith(SubscriptionRunState.Fail);
            return Results.NoContent();
        });
        control.MapPost("/skip-next/subscription", () =>
        {
            state.EndNextRunWith(SubscriptionRunState.Skip);
            return Results.NoContent();
        });
        control.MapPost("/subscriptions", async (HttpContext context) =>
        {
            // Stores a subscription as another client left it: any shape the server would keep.
            var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            try
            {
                return EmulatorJson.Ok(state.SeedSubscription(text), StatusCodes.Status201Created);
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                return EmulatorJson.Error(400, "ERR006", $"The subscription is not JSON: {ex.Message}");
            }
        });
        control.MapGet("/state", () => EmulatorJson.Ok(new
        {
            sessions = state.SessionCount,
            instances = state.InstanceCount,
            subscriptions = state.SubscriptionCount,
            runningSubscriptionRuns = state.RunningRunCount,
            requestsWithoutCookie = state.RequestsWithoutCookie,
            cubePublishes = state.Cubes.PublishCount,
            runningJobs = state.Cubes.RunningJobCount,
            cancelledJobs = state.Cubes.CancelledJobCount,
            reportInstances = state.Reports.ReportInstanceCount,
            dashboardInstances = state.Reports.DashboardInstanceCount,
            exports = state.Reports.ExportCount,
            users = state.People.UserCount,
            peopleChangingCalls = state.People.ChangingCalls,
            faultsFired = faults.Fired,
            faultsUnfired = faults.Unfired.Count,
        }));
    }

    private static void MapAuthentication(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        app.MapPost("/api/auth/login", async (HttpContext context) =>
        {
            // JSON (the workflow documents) and form-encoded (the official Python client) reach the same checks.
            var text = context.Request.HasFormContentType
                ? FormAsJson(await context.Request.ReadFormAsync(context.RequestAborted))
                : await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var (body, invalid) = Read<LoginRequest>(text, validator, "Login");
            if (invalid is not null)
            {
                return invalid;
            }

            var options = state.Options;
            var userId = body!.LoginMode switch
            {
                LoginMode.Standard or LoginMode.Ldap when body.Username == options.Username && (body.Password ?? string.Empty) == options.Password => Seeds.AdministratorId,
                LoginMode.Standard => state.People.Authenticate(body.Username, body.Password),
                // As a server: the token travels as username, with no password.
                LoginMode.ApiToken when body.Username == options.ApiToken && string.IsNullOrEmpty(body.Password) => Seeds.AdministratorId,
                _ => null,
            };
            if (userId is null)
            {
                return EmulatorJson.Error(401, "ERR003", "Invalid login credentials.");
            }

            var session = state.OpenSession(userId);
            context.Response.Headers[StrategyHeaders.AuthToken] = session.Token;
            context.Response.Cookies.Append(SessionCookie, session.Cookie, new CookieOptions { HttpOnly = true, Path = "/" });
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

        app.MapGet("/api/sessions/userInfo", () => EmulatorJson.Ok(new UserInfo
        {
            Id = Seeds.AdministratorId,
            Username = state.Options.Username,
            FullName = "Administrator",
            Initials = "A",
            MetadataUser = true,
        }));
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
        // An older server has none of these routes: VersionGate answers them from the spec's x-strategy-since.
        var runtime = app.MapGroup("/api/dataModels");

        runtime.MapPost("/{dataModelId}/instances", (HttpContext context, string dataModelId) =>
        {
            if ((RequireProject(context) ?? RequireDataModel(dataModelId)) is { } error)
            {
                return error;
            }

            context.Response.Headers[StrategyHeaders.DataModelInstanceId] = state.CreateInstance(dataModelId).Id;
            return Results.NoContent();
        });

        runtime.MapDelete("/{dataModelId}/instances/{instanceId}", (HttpContext context, string dataModelId, string instanceId) =>
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

        runtime.MapPost("/{dataModelId}/publish", async (HttpContext context, string dataModelId) =>
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

            var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            if (HasNoTables(text))
            {
                // The server's own words for a publish body without tables.
                return EmulatorJson.Error(400, "ERR006", "tableRefreshSettings cannot be null");
            }

            var (body, invalid) = Read<PublishRequest>(text, validator, "PublishDataModel");
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

        runtime.MapGet("/{dataModelId}/publishStatus", (HttpContext context, string dataModelId) =>
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
        where T : class =>
        Read<T>(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted), validator, operationId);

    private static (T? Body, IResult? Invalid) Read<T>(string text, SpecValidator validator, string operationId)
        where T : class =>
        validator.Validate(operationId, text) is { } problem
            ? (null, EmulatorJson.Error(400, "ERR006", problem))
            : (EmulatorJson.Read<T>(text), null);

    /// <summary>The form fields of a login as the JSON body they stand for (numbers as numbers), so both go through the same validation.</summary>
    private static string FormAsJson(IFormCollection form)
    {
        var json = new Newtonsoft.Json.Linq.JObject();
        foreach (var (name, values) in form)
        {
            var value = values.ToString();
            json[name] = name is "loginMode" or "applicationType" && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : value;
        }

        return json.ToString(Newtonsoft.Json.Formatting.None);
    }

    private static bool HasNoTables(string text)
    {
        try
        {
            return Newtonsoft.Json.Linq.JToken.Parse(text) is Newtonsoft.Json.Linq.JObject body
                   && body["tables"] is null or { Type: Newtonsoft.Json.Linq.JTokenType.Null } or Newtonsoft.Json.Linq.JArray { Count: 0 };
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>The token of the request's session (instances end with it).</summary>
    internal static string SessionToken(HttpContext context) => Session(context).Token;

    private static SessionRecord Session(HttpContext context) => (SessionRecord)context.Items[SessionItem]!;
}
