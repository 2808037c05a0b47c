using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Strategy.Emulator.State;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>Schedules (both list versions, and one by id) and events, which run the subscriptions on the schedules that wait on them when fired.</summary>
internal static class ScheduleEndpoints
{
    public static void Map(WebApplication app, EmulatorState state)
    {
        app.MapGet("/api/schedules", () => EmulatorJson.Ok(new ScheduleList { Schedules = [.. ServerObjects.Schedules.Values.Select(s => WithNextRun(s, state.Now))] }));

        app.MapGet("/api/v2/schedules", (string? fields) =>
            EmulatorJson.Ok(new { schedules = ServerObjects.Schedules.Values.Select(s => EmulatorJson.OnlyFields(WithNextRun(s, state.Now), fields)) }));

        app.MapGet("/api/schedules/{scheduleId}", (string scheduleId, string? fields) =>
            ServerObjects.Schedules.TryGetValue(scheduleId, out var schedule)
                ? EmulatorJson.Ok(EmulatorJson.OnlyFields(WithNextRun(schedule, state.Now), fields))
                : EmulatorJson.Error(404, "ERR004", $"Schedule {scheduleId} was not found."));

        app.MapGet("/api/events", (string? fields) =>
            EmulatorJson.Ok(new { events = ServerObjects.Events.Values.Select(e => EmulatorJson.OnlyFields(e, fields)) }));

        app.MapGet("/api/events/{eventId}", (string eventId, string? fields) =>
            ServerObjects.Events.TryGetValue(eventId, out var found)
                ? EmulatorJson.Ok(EmulatorJson.OnlyFields(found, fields))
                : EventNotFound(eventId));

        app.MapPost("/api/events/{eventId}/trigger", (string eventId) =>
        {
            if (!ServerObjects.Events.ContainsKey(eventId))
            {
                return EventNotFound(eventId);
            }

            // Every subscription whose schedule waits on the event runs; the answer says nothing of them.
            foreach (var subscription in state.SubscriptionsWaitingOn(eventId))
            {
                state.StartRun(subscription);
            }

            return Results.NoContent();
        });
    }

    private static IResult EventNotFound(string eventId) => EmulatorJson.Error(404, "ERR004", $"Event {eventId} was not found.");

    /// <summary>A schedule as a server answers it: a time-based one with its next run (scheduleNextDelivery), on the next hour.</summary>
    private static Schedule WithNextRun(Schedule schedule, DateTimeOffset now) => new()
    {
        Id = schedule.Id,
        Name = schedule.Name,
        Description = schedule.Description,
        ScheduleType = schedule.ScheduleType,
        Expired = schedule.Expired,
        Event = schedule.Event,
        ScheduleNextDelivery = schedule.ScheduleType == ScheduleType.TimeBased
            ? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1)
            : null,
    };
}
