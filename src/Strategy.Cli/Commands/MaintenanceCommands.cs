using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary>
/// <c>strategy maintenance begin|end</c>: a maintenance window on the project (<c>--project</c> or
/// STRATEGY_PROJECT_ID, an id or a name) across the cluster, every node and connection with its outcome.
/// </summary>
internal static class MaintenanceCommands
{
    public static Command Create(CommandRunner runner)
    {
        var mode = new Option<string>("--mode")
        {
            Description = "The idle mode: request_idle, exec_idle, wh_exec_idle, partial_idle or full_idle. Default: full_idle.",
            DefaultValueFactory = _ => "full_idle",
        };
        mode.AcceptOnlyFromAmong("request_idle", "exec_idle", "wh_exec_idle", "partial_idle", "full_idle");
        var begin = new Command("begin", "Idle the project on every node, end every user connection to it but this command's own, and wait until every node has settled; one line per node and connection, exit 0 when each did as asked, 1 naming each that did not, 2 when the time limit cut it short (the steps not taken say so).") { mode };
        runner.SetAction(begin, async (parseResult, session, cancellationToken) =>
            Print(session, await session.Client<MonitorsClient>().BeginMaintenanceAsync(session.ProjectId, StrategyEnums.Parse<ProjectStatusValue>(parseResult.GetValue(mode)!), session.Waits, cancellationToken)));

        var end = new Command("end", "Load the project back on every node and wait until each has settled, invalidate its report and dashboard caches on each node, and purge its object caches; one line per step, exit 0 when each did as asked, 1 naming each that did not, 2 when the time limit cut it short (the steps not taken say so).");
        runner.SetAction(end, async (parseResult, session, cancellationToken) =>
            Print(session, await session.Client<MonitorsClient>().EndMaintenanceAsync(session.ProjectId, session.Waits, cancellationToken)));

        return new Command("maintenance", "Begin and end a maintenance window on the project (--project) across the cluster's nodes.") { begin, end };
    }

    private static int Print(CliSession session, StrategyMaintenanceOutcome outcome)
    {
        CommandRunner.Print(session, outcome.Steps, string.Join(Environment.NewLine, outcome.Steps.Select(s => s.ToString())));
        foreach (var failed in outcome.Failures)
        {
            session.Console.Error.WriteLine($"error: {failed}");
        }

        // Every step is printed either way; the exit code says whether the time limit cut the window short.
        return outcome.Succeeded ? ExitCodes.Success : outcome.TimeLimitReached ? ExitCodes.Timeout : ExitCodes.ServerFailure;
    }
}
