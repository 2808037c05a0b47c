using Strategy.Generated;

namespace Strategy.Emulator.State;

/// <summary>The schedules and events every fresh emulator holds (the workflow documents' schedules, and the events they wait on).</summary>
internal static class ServerObjects
{
    public static readonly IReadOnlyDictionary<string, Event> Events = new Dictionary<string, Event>(StringComparer.OrdinalIgnoreCase)
    {
        [Seeds.PersonalViewEventId] = new() { Id = Seeds.PersonalViewEventId, Name = "Personal View refresh", Description = "Fired when personal views should refresh." },
        [Seeds.NightlyLoadEventId] = new() { Id = Seeds.NightlyLoadEventId, Name = "Nightly load finished", Description = "Fired by the warehouse load; no schedule waits on it yet." },
    };

    public static readonly IReadOnlyDictionary<string, Schedule> Schedules = new Dictionary<string, Schedule>(StringComparer.OrdinalIgnoreCase)
    {
        [Seeds.AllTheTimeScheduleId] = new() { Id = Seeds.AllTheTimeScheduleId, Name = "All the Time", ScheduleType = ScheduleType.TimeBased, Expired = false },
        [Seeds.PersonalViewScheduleId] = new()
        {
            Id = Seeds.PersonalViewScheduleId,
            Name = "Personal View",
            ScheduleType = ScheduleType.EventBased,
            Expired = true,
            // As servers send it: the event's id is named eventId here.
            Event = new ScheduleEvent { EventId = Seeds.PersonalViewEventId, Name = Events[Seeds.PersonalViewEventId].Name },
        },
    };

    /// <summary>Whether a subscription runs when <paramref name="eventId"/> fires: one of its schedules waits on that event.</summary>
    public static bool WaitsOn(Subscription subscription, string eventId) =>
        (subscription.Schedules ?? []).Any(s => s?.Id is { } id
                                                && Schedules.TryGetValue(id, out var schedule)
                                                && string.Equals(schedule.Event?.EventId, eventId, StringComparison.OrdinalIgnoreCase));
}
