using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy wait &lt;token&gt;</c>: resumes work a command started with <c>--no-wait</c>, in this later process.</summary>
internal static class WaitCommand
{
    public static Command Create(CommandRunner runner)
    {
        var token = new Argument<string>("token") { Description = "The resume token a command run with --no-wait printed." };
        var wait = new Command(
            "wait",
            "Resume work a command started with --no-wait and wait for it, with that command's exit codes: 0 succeeded, 1 failed, 2 at the time limit, 3 for a token that is malformed, newer or for another server, 5 skipped, 7 outcome unknown.")
        {
            token,
        };
        runner.SetAction(wait, async (parseResult, session, cancellationToken) =>
        {
            var work = await session.Connection.ResumeAsync(parseResult.GetValue(token)!, cancellationToken);
            var what = WorkWords.Subject(work);
            if (!session.Json)
            {
                session.Console.Error.WriteLine(work.HasCompleted ? $"Resumed {what}: it has ended." : $"Resumed {what}: waiting for it to end");
            }

            // From here it runs on the server whatever happens to this process (a publish instance is still deleted when the wait stops).
            session.Interruption.StartedOnServer(what, "it is not stopped by this command; `strategy wait` with the same token resumes it again");
            try
            {
                // The same work answers the same way however it is waited for: each kind prints what the command that starts it prints.
                return work switch
                {
                    { Kind: StrategyWorkKinds.PublishCube } => await CubeCommands.WaitForPublishAsync(session, work, cancellationToken),
                    StrategyWork<ModelTask> { Kind: StrategyWorkKinds.ReloadSchema } reload => await SchemaCommands.WaitForReloadAsync(session, reload, cancellationToken),
                    StrategyWork<PublishStatus> { Kind: StrategyWorkKinds.PublishDataModel } publish => await DataModelCommands.WaitForPublishAsync(session, publish, cancellationToken),
                    StrategyWork<SubscriptionStatus> { Kind: StrategyWorkKinds.SendSubscription } run => await SubscriptionCommands.WaitForRunAsync(session, run, cancellationToken),
                    StrategyWork<IReadOnlyList<StrategySubscriptionRun>> { Kind: StrategyWorkKinds.TriggerEvent } runs => await EventCommands.WaitForRunsAsync(session, runs, cancellationToken),
                    StrategyWork<ClusterNodeList> { Kind: StrategyWorkKinds.UpdateProjectStatus or StrategyWorkKinds.UpdateProjectStatusOnNode } change => await ProjectCommands.WaitForChangeAsync(session, change, null, null, cancellationToken),
                    _ => await WaitForAnyAsync(session, work, what, cancellationToken),
                };
            }
            finally
            {
                if (work.HasCompleted)
                {
                    session.Interruption.EndedOnServer(what);
                }
            }
        });
        return wait;
    }

    /// <summary>Work of a kind no command prints its own way (a cube cache change): its final status, and that it ended.</summary>
    private static async Task<int> WaitForAnyAsync(CliSession session, StrategyWork work, string what, CancellationToken cancellationToken)
    {
        object? status;
        using (var progress = new ProgressPrinter(session.Console, WorkWords.Kind(work.Kind)))
        {
            status = await work.WaitForCompletionUntypedAsync(session.Waits, progress, cancellationToken);
        }

        CommandRunner.Print(session, status, $"{char.ToUpperInvariant(what[0])}{what[1..]} {WorkWords.Outcome(work.Outcome)}.");
        return work.Outcome == StrategyOutcome.Skipped ? ExitCodes.Skipped : ExitCodes.Success;
    }

    /// <summary>Prints the token of work started with --no-wait: alone on stdout (with --json, <c>{"token": …}</c>), and on stderr how to resume it.</summary>
    public static void PrintStarted(CliSession session, IReadOnlyList<(string Subject, StrategyWork Work)> started)
    {
        if (session.Json)
        {
            var tokens = started.Select(s => new { token = s.Work.GetResumeToken(), kind = s.Work.Kind, id = s.Work.Id, subject = s.Subject }).ToList();
            CommandRunner.Print(session, tokens.Count == 1 ? tokens[0] : tokens, string.Empty);
        }
        else
        {
            CommandRunner.Print(session, null, string.Join(Environment.NewLine, started.Select(s => s.Work.GetResumeToken())));
        }

        foreach (var (subject, work) in started)
        {
            session.Console.Error.WriteLine($"Started {subject} ({WorkWords.Subject(work)}){(work.HasCompleted ? ", already ended" : string.Empty)}; it runs on the server. `strategy wait <token>` waits for it.");
        }
    }
}
