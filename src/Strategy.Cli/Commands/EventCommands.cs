using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy events list|trigger</c>: the events event-based schedules wait on, and firing one.</summary>
internal static class EventCommands
{
    public static Command Create(CommandRunner runner)
    {
        var list = new Command("list", "List the events schedules can wait on.");
        runner.SetAction(list, async (_, session, cancellationToken) =>
        {
            var events = await session.Client<EventsClient>().ListEventsAsync(cancellationToken: cancellationToken);
            var all = (events.Events ?? []).Where(e => e is not null).ToList();
            CommandRunner.Print(session, all, all.Count == 0 ? "No events." : string.Join(Environment.NewLine, all.Select(e => $"{e.Id}  {e.Name}")));
            return ExitCodes.Success;
        });

        var eventId = new Argument<string>("event-id") { Description = "The event to fire." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the event is fired, and print the resume token of the runs it started (strategy wait <token>)." };
        var trigger = new Command(
            "trigger",
            "Fire an event and wait for every subscription run it starts, one line each; exit 0 when all succeeded, 1 when any failed, 2 at the time limit, 5 when none failed but some were skipped.")
        {
            eventId,
            noWait,
        };
        runner.SetAction(trigger, async (parseResult, session, cancellationToken) =>
        {
            var id = parseResult.GetValue(eventId)!;
            var events = session.Client<EventsClient>();
            if (parseResult.GetValue(noWait))
            {
                var started = await events.StartTriggerEventAsync(id, cancellationToken);
                WaitCommand.PrintStarted(session, [("event " + id, started)]);
                return ExitCodes.Success;
            }

            var work = $"each run event {id} started";
            IReadOnlyList<StrategySubscriptionRun> runs;
            using (var progress = new ProgressPrinter<SubscriptionStatus>(session.Console, "runs", StatusWords.RunOf))
            {
                try
                {
                    session.Interruption.StartedOnServer(work, "a run cannot be stopped through the API");
                    runs = await events.TriggerEventAndWaitAsync(id, session.Waits, progress, cancellationToken);
                    session.Interruption.EndedOnServer(work);
                }
                catch (StrategySubscriptionRunsFailedException failed)
                {
                    session.Interruption.EndedOnServer(work);
                    progress.Dispose();
                    Print(session, id, failed.Runs);
                    throw;
                }
            }

            Print(session, id, runs);
            return runs.Any(r => r.Outcome == StrategyOutcome.Skipped) ? ExitCodes.Skipped : ExitCodes.Success;
        });

        return new Command("events", "Fire the events event-based schedules wait on, and follow the runs they start.") { list, trigger };
    }

    /// <summary>One line per run (with --json, one object each): what trigger and wait print once the runs have ended.</summary>
    internal static void Print(CliSession session, string eventId, IReadOnlyList<StrategySubscriptionRun> runs) =>
        CommandRunner.Print(
            session,
            runs.Select(r => new { subscriptionId = r.SubscriptionId, name = r.Name, outcome = r.Outcome.ToString().ToLowerInvariant(), status = r.Status, error = r.Error?.Message }),
            runs.Count == 0
                ? $"Event {eventId} was fired; no subscription waits on it."
                : string.Join(Environment.NewLine, runs.Select(r => r.ToString())));
}
