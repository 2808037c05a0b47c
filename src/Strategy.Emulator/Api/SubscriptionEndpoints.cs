using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Strategy.Emulator.State;
using Strategy.Emulator.Validation;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>Subscriptions: stored with ids, owner, dates and next delivery; listed a page at a time.</summary>
internal static class SubscriptionEndpoints
{
    public static readonly IReadOnlyDictionary<string, Schedule> Schedules = new Dictionary<string, Schedule>(StringComparer.OrdinalIgnoreCase)
    {
        [Seeds.AllTheTimeScheduleId] = new() { Id = Seeds.AllTheTimeScheduleId, Name = "All the Time", ScheduleType = ScheduleType.Time_based, Expired = false },
        [Seeds.PersonalViewScheduleId] = new() { Id = Seeds.PersonalViewScheduleId, Name = "Personal View", ScheduleType = ScheduleType.Event_based, Expired = true },
    };

    public static void Map(WebApplication app, EmulatorState state, SpecValidator validator)
    {
        app.MapGet("/api/subscriptions", (HttpContext context, int? offset, int? limit) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            var (page, total) = state.ListSubscriptions(Math.Max(offset ?? 0, 0), limit ?? -1);
            context.Response.Headers["x-mstr-total-count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return EmulatorJson.Ok(new SubscriptionList { Subscriptions = page.ToList() });
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
            return EmulatorJson.Ok(subscription, StatusCodes.Status201Created);
        });

        app.MapGet("/api/subscriptions/{subscriptionId}", (HttpContext context, string subscriptionId) =>
        {
            if (EmulatorApi.RequireProject(context) is { } error)
            {
                return error;
            }

            return state.FindSubscription(subscriptionId) is { } subscription ? EmulatorJson.Ok(subscription) : NotFound(subscriptionId);
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
    }

    private static IResult NotFound(string id) => EmulatorJson.Error(404, "ERR004", $"Subscription {id} was not found.");

    private static IResult? Check(SubscriptionRequest request)
    {
        if (request.Schedules.FirstOrDefault(s => !Schedules.ContainsKey(s.Id)) is { } schedule)
        {
            return EmulatorJson.Error(400, "ERR006", $"Schedule {schedule.Id} does not exist.");
        }

        if (request.Contents.FirstOrDefault(c => c.Type == ContentType.Data_model && !c.Id.Equals(Seeds.DataModelId, StringComparison.OrdinalIgnoreCase)) is { } content)
        {
            return EmulatorJson.Error(400, "ERR006", $"Data model {content.Id} does not exist.");
        }

        var tables = request.Contents.SelectMany(c => c.RefreshCondition?.Tables ?? []);
        return tables.FirstOrDefault(t => Seeds.Tables.All(s => !s.Id.Equals(t.Id, StringComparison.OrdinalIgnoreCase))) is { } table
            ? EmulatorJson.Error(400, "ERR006", $"Table {table.Id} is not in data model {Seeds.DataModelId}.")
            : null;
    }

    private static Subscription Build(SubscriptionRequest request, string id, DateTimeOffset created, DateTimeOffset modified)
    {
        var nextHour = new DateTimeOffset(modified.Year, modified.Month, modified.Day, modified.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        var schedules = request.Schedules.Select(s =>
        {
            var known = Schedules[s.Id];
            var timeBased = known.ScheduleType == ScheduleType.Time_based;
            return new SubscriptionSchedule
            {
                Id = known.Id,
                Name = known.Name,
                Type = known.ScheduleType,
                NextDelivery = timeBased ? nextHour : null,
                Expired = known.Expired,
            };
        }).ToList();

        return new Subscription
        {
            Id = id,
            Name = request.Name,
            MultipleContents = request.Contents.Count > 1,
            Editable = true,
            AllowDeliveryChanges = request.AllowDeliveryChanges ?? false,
            AllowPersonalizationChanges = request.AllowPersonalizationChanges ?? false,
            AllowUnsubscribe = request.AllowUnsubscribe ?? false,
            AllowUnsubscribeFromEmail = false,
            DateCreated = created,
            DateModified = modified,
            Owner = new ObjectReference { Id = Seeds.AdministratorId, Name = "Administrator" },
            Schedules = schedules,
            Contents = request.Contents.Select(c => new SubscriptionContent
            {
                Id = c.Id,
                Name = c.Type == ContentType.Data_model ? Seeds.DataModelName : c.Name,
                Type = c.Type,
                ProjectId = Seeds.ProjectId,
                RefreshCondition = c.RefreshCondition,
            }).ToList(),
            Recipients = request.Recipients is { Count: > 0 } recipients
                ? recipients.Select(r => new Recipient
                {
                    Id = r.Id,
                    Name = r.Name,
                    IsGroup = r.IsGroup ?? false,
                    Type = r.Type ?? RecipientType.User,
                    IncludeType = r.IncludeType ?? IncludeType.TO,
                    ChildSubscriptionId = EmulatorState.NewId(),
                }).ToList()
                : [new Recipient { Id = Seeds.AdministratorId, Name = "Administrator", IsGroup = false, Type = RecipientType.User, IncludeType = IncludeType.TO, ChildSubscriptionId = EmulatorState.NewId() }],
            Delivery = new Delivery
            {
                Mode = request.Delivery.Mode,
                ContactSecurity = request.Delivery.ContactSecurity ?? false,
                HistoryList = request.Delivery.HistoryList ?? new HistoryListDelivery { DoNotCreateUpdateCaches = false, OverwriteOlderVersion = false, ReRunHl = false },
                NotificationEnabled = request.Delivery.NotificationEnabled ?? false,
            },
            NextDelivery = schedules.Select(s => s.NextDelivery).FirstOrDefault(d => d is not null),
            Alert = false,
        };
    }
}
