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
            session.Interruption.StartedOnServer(work, "a run cannot be stopped through the API");
            return await FollowRunsAsync(
                session,
                id,
                progress => events.TriggerEventAndWaitAsync(id, session.Waits, progress, cancellationToken),
                ended: () => session.Interruption.EndedOnServer(work));
        });

        return new Command("events", "Fire the events event-based schedules wait on, and follow the runs they start.") { list, trigger };
    }

    /// <summary><c>strategy wait</c> for the runs an event started: the wait, then what <c>events trigger</c> prints.</summary>
    internal static Task<int> WaitForRunsAsync(CliSession session, StrategyWork<IReadOnlyList<StrategySubscriptionRun>> runs, CancellationToken cancellationToken) =>
        FollowRunsAsync(session, runs.Id, async progress => (await runs.WaitForCompletionAsync(session.Waits, progress, cancellationToken)) ?? []);

    /// <summary>The runs followed to their end and printed, as <c>events trigger</c> and <c>wait</c> print them: every run's line, the failed ones too, then the error that says which.</summary>
    /// <param name="ended">Told once every run has ended (not when the wait stopped before they did).</param>
    private static async Task<int> FollowRunsAsync(CliSession session, string eventId, Func<IProgress<IStrategyWaitProgress>, Task<IReadOnlyList<StrategySubscriptionRun>>> wait, Action? ended = null)
    {
        IReadOnlyList<StrategySubscriptionRun> runs;
        using (var progress = ProgressPrinter.Of<SubscriptionStatus>(session.Console, "runs", StatusWords.RunOf))
        {
            try
            {
                runs = await wait(progress);
                ended?.Invoke();
            }
            catch (StrategySubscriptionRunsFailedException failed)
            {
                ended?.Invoke();
                progress.Dispose();
                Print(session, eventId, failed.Runs);
                throw;
            }
        }

        Print(session, eventId, runs);
        return runs.Any(r => r.Outcome == StrategyOutcome.Skipped) ? ExitCodes.Skipped : ExitCodes.Success;
    }

    /// <summary>One line per run (with --json, one object each): what trigger and wait print once the runs have ended.</summary>
    private static void Print(CliSession session, string eventId, IReadOnlyList<StrategySubscriptionRun> runs) =>
        CommandRunner.Print(
            session,
            runs.Select(r => new { subscriptionId = r.SubscriptionId, name = r.Name, outcome = r.Outcome.ToString().ToLowerInvariant(), status = r.Status, error = r.Error?.Message }),
            runs.Count == 0
                ? $"Event {eventId} was fired; no subscription waits on it."
                : string.Join(Environment.NewLine, runs.Select(r => r.ToString())));
}
