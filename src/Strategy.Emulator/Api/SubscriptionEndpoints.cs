using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Strategy.Emulator.Api;

/// <summary>
/// Subscriptions: stored with ids, owner, dates and next delivery; listed a page at a time; run
/// now (a send), with the status of their last run; and found by what they depend on.
/// </summary>
internal static class SubscriptionEndpoints
{
    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        app.MapGet("/api/subscriptions", (HttpContext context, int? offset, int? limit, string? fields) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            var (page, total) = state.ListSubscriptions(Math.Max(offset ?? 0, 0), limit ?? -1);
            context.Response.Headers["x-mstr-total-count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return EmulatorJson.Ok(new { subscriptions = page.Select(s => EmulatorJson.OnlyFields(s, fields)) });
        });

        app.MapPost("/api/subscriptions", async (HttpContext context) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            var (request, invalid) = await EmulatorApi.ReadAsync<SubscriptionRequest>(context, validator, "CreateSubscription");
            if (invalid is not null)
            {
                return invalid;
            }

            if (Check(request!) is { } problem)
            {
                return problem;
            }

            var now = state.Now;
            var subscription = Build(request!, EmulatorState.NewId(), now, now);
            state.AddSubscription(subscription);
            if (request!.SendNow == true)
            {
                state.StartRun(subscription);
            }

            return EmulatorJson.Ok(subscription, StatusCodes.Status201Created);
        });

        app.MapGet("/api/subscriptions/{subscriptionId}", (HttpContext context, string subscriptionId, string? fields) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            return state.FindSubscription(subscriptionId) is { } subscription ? EmulatorJson.Ok(EmulatorJson.OnlyFields(subscription, fields)) : NotFound(subscriptionId);
        });

        app.MapPut("/api/subscriptions/{subscriptionId}", async (HttpContext context, string subscriptionId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            if (state.FindSubscription(subscriptionId) is not { } existing)
            {
                return NotFound(subscriptionId);
            }

            var (request, invalid) = await EmulatorApi.ReadAsync<SubscriptionRequest>(context, validator, "UpdateSubscription");
            if (invalid is not null)
            {
                return invalid;
            }

            if (Check(request!) is { } problem)
            {
                return problem;
            }

            // PUT replaces everything but identity and creation date.
            var replaced = Build(request!, existing.Id, existing.DateCreated ?? state.Now, state.Now);
            return state.ReplaceSubscription(replaced) ? EmulatorJson.Ok(replaced) : NotFound(subscriptionId);
        });

        app.MapDelete("/api/subscriptions/{subscriptionId}", (HttpContext context, string subscriptionId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            return state.DeleteSubscription(subscriptionId) ? Results.NoContent() : NotFound(subscriptionId);
        });

        app.MapPost("/api/v2/subscriptions/{subscriptionId}/send", (HttpContext context, string subscriptionId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            if (state.FindSubscription(subscriptionId) is not { } subscription)
            {
                return NotFound(subscriptionId);
            }

            state.StartRun(subscription);
            return Results.NoContent();
        });

        app.MapGet("/api/subscriptions/{subscriptionId}/status", (HttpContext context, string subscriptionId) =>
        {
            // A server answers the status without a project (the official client sends none when no project is selected); one given must be known.
            if (context.Request.Headers.ContainsKey(StrategyHeaders.ProjectId) && EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            if (state.FindSubscription(subscriptionId) is null)
            {
                return NotFound(subscriptionId);
            }

            if (state.Options.SubscriptionStatusDisabled)
            {
                return EmulatorJson.Error(500, "ERR002", "This endpoint is disabled.");
            }

            // A subscription that never ran has no status: the server's own answer.
            return state.LastRun(subscriptionId) is { } run
                ? EmulatorJson.Ok(run.ToModel(state.Now))
                : EmulatorJson.Error(500, "ERR002", $"No status for the subscription {subscriptionId}.");
        });

        app.MapGet("/api/dependentSubscriptions", (HttpContext context, string? objectId, string? type, string? fields) =>
        {
            if (string.IsNullOrEmpty(objectId) || string.IsNullOrEmpty(type))
            {
                return EmulatorJson.Error(400, "ERR006", "The objectId and type query parameters are required.");
            }

            Func<Subscription, bool>? dependsOn = type switch
            {
                "event" => s => ServerObjects.WaitsOn(s, objectId),
                "schedule" => s => (s.Schedules ?? []).Any(x => string.Equals(x?.Id, objectId, StringComparison.OrdinalIgnoreCase)),
                "user" => s => string.Equals(s.Owner?.Id, objectId, StringComparison.OrdinalIgnoreCase)
                               || (s.Recipients ?? []).Any(r => string.Equals(r?.Id, objectId, StringComparison.OrdinalIgnoreCase)),
                "report" or "dashboard" => s => (s.Contents ?? []).Any(c => string.Equals(c?.Id, objectId, StringComparison.OrdinalIgnoreCase)),
                _ => null,
            };
            if (dependsOn is null)
            {
                return EmulatorJson.Error(400, "ERR006", $"Invalid value at 'type': '{type}' is not one of user, event, schedule, report, dashboard.");
            }

            // A report or a dashboard is looked up in the project the header names (the spec's x-strategy-project).
            if (type is "report" or "dashboard" && EmulatorApi.RequireProject(context) is { } noProject)
            {
                return noProject;
            }

            // Dependents may span projects: each says which it is in.
            var dependents = state.AllSubscriptions().Where(dependsOn).Select(s =>
            {
                var listed = Newtonsoft.Json.Linq.JObject.FromObject(s, Newtonsoft.Json.JsonSerializer.Create(EmulatorJson.Settings));
                listed["project"] ??= new Newtonsoft.Json.Linq.JObject { ["id"] = Seeds.ProjectId, ["name"] = Seeds.ProjectName };
                return EmulatorJson.OnlyFields(listed, fields);
            });
            return EmulatorJson.Ok(new { subscriptions = dependents });
        });
    }

    private static IResult NotFound(string id) => EmulatorJson.Error(404, "ERR004", $"Subscription {id} was not found.");

    private static IResult? Check(SubscriptionRequest request)
    {
        if (request.Schedules.FirstOrDefault(s => !ServerObjects.Schedules.ContainsKey(s.Id)) is { } schedule)
        {
            return EmulatorJson.Error(400, "ERR006", $"Schedule {schedule.Id} does not exist.");
        }

        if (request.Contents.FirstOrDefault(c => c.Type == ContentType.DataModel && !c.Id.Equals(Seeds.DataModelId, StringComparison.OrdinalIgnoreCase)) is { } content)
        {
            return EmulatorJson.Error(400, "ERR006", $"Data model {content.Id} does not exist.");
        }

        var conditions = request.Contents.Select(c => c.RefreshCondition).OfType<RefreshCondition>().ToList();
        if (conditions.Any(c => c.Tables is not { Count: > 0 } && c.DatasetRefreshPolicy is null))
        {
            return EmulatorJson.Error(400, "ERR006", "datasetRefreshPolicy is required when the refresh condition lists no tables.");
        }

        if (conditions.SelectMany(c => c.Filters ?? []).Any(f => f.Qualification is null && f.Expression is null))
        {
            return EmulatorJson.Error(400, "ERR006", "A refresh filter needs a qualification or an expression.");
        }

        var tables = request.Contents.SelectMany(c => c.RefreshCondition?.Tables ?? []);
        return tables.FirstOrDefault(t => Seeds.Tables.All(s => !s.Id.Equals(t.Id, StringComparison.OrdinalIgnoreCase))) is { } table
            ? EmulatorJson.Error(400, "ERR006", $"Table {table.Id} is not in data model {Seeds.DataModelId}.")
            : null;
    }

    /// <summary>
    /// The stored subscription: what the client sent, kept as sent (properties and values this
    /// emulator does not model included), plus what the server maintains (id, dates, names, next delivery).
    /// </summary>
    private static Subscription Build(SubscriptionRequest request, string id, DateTimeOffset created, DateTimeOffset modified)
    {
        var nextHour = new DateTimeOffset(modified.Year, modified.Month, modified.Day, modified.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        var schedules = request.Schedules.Select(s =>
        {
            var known = ServerObjects.Schedules[s.Id];
            s.Name = known.Name;
            s.Type = known.ScheduleType;
            s.NextDelivery = known.ScheduleType == ScheduleType.TimeBased ? nextHour : null;
            s.Expired = known.Expired;
            return s;
        }).ToList();

        foreach (var content in request.Contents)
        {
            content.Name = content.Type == ContentType.DataModel ? Seeds.DataModelName : content.Name;
            content.ProjectId ??= Seeds.ProjectId;
        }

        var recipients = request.Recipients is { Count: > 0 } sent
            ? sent
            : [new Recipient { Id = Seeds.AdministratorId, Name = "Administrator" }];
        foreach (var recipient in recipients)
        {
            recipient.IsGroup ??= false;
            recipient.Type ??= RecipientType.User;
            recipient.IncludeType ??= IncludeType.To;
            recipient.ChildSubscriptionId ??= EmulatorState.NewId();
        }

        var delivery = request.Delivery;
        delivery.ContactSecurity ??= false;
        delivery.NotificationEnabled ??= false;
        if (delivery.Mode == DeliveryMode.HistoryList)
        {
            delivery.HistoryList ??= new HistoryListDelivery { DoNotCreateUpdateCaches = false, OverwriteOlderVersion = false, ReRunHl = false };
        }

        var subscription = new Subscription
        {
            Id = id,
            Name = request.Name,
            MultipleContents = request.MultipleContents ?? request.Contents.Count > 1,
            Editable = true,
            AllowDeliveryChanges = request.AllowDeliveryChanges ?? false,
            AllowPersonalizationChanges = request.AllowPersonalizationChanges ?? false,
            AllowUnsubscribe = request.AllowUnsubscribe ?? false,
            AllowUnsubscribeFromEmail = false,
            DateCreated = created,
            DateModified = modified,
            Owner = request.Owner is { Id: { } ownerId } ? new ObjectReference { Id = ownerId, Name = ownerId == Seeds.AdministratorId ? "Administrator" : request.Owner.Name } : new ObjectReference { Id = Seeds.AdministratorId, Name = "Administrator" },
            Schedules = schedules,
            Contents = request.Contents,
            Recipients = recipients,
            Delivery = delivery,
            NextDelivery = schedules.Select(s => s.NextDelivery).FirstOrDefault(d => d is not null),
            Alert = false,
        };

        // Top-level properties this emulator does not model are stored as sent, as a server would.
        foreach (var (name, value) in request.AdditionalProperties)
        {
            subscription.AdditionalProperties[name] = value;
        }

        return subscription;
    }
}
