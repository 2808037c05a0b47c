using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy projects load|unload|idle</c>: a project's status on every node (or one), waited for until each node has settled.</summary>
internal static class ProjectCommands
{
    /// <summary>What the progress lines of a project status change name.</summary>
    internal const string Progress = "project status change";

    public static Command Create(CommandRunner runner)
    {
        var projects = new Command("projects", "Work with the projects: list them, and load, unload or idle one across the cluster.");
        projects.Subcommands.Add(Change(runner, "load", "Load a project on every node (or one) and wait until each node says loaded; exit 0 when every running node does, 1 naming each node that does not.", _ => ProjectStatusValue.Loaded));
        projects.Subcommands.Add(Change(runner, "unload", "Unload a project on every node (or one) and wait until each node says unloaded (the server waits for the project's jobs and connections to end); exit 0 when every running node does, 1 naming each node that does not.", _ => ProjectStatusValue.Unloaded));
        var mode = new Option<string>("--mode")
        {
            Description = "The idle mode: request_idle (no new requests), exec_idle (no executions), wh_exec_idle (no warehouse executions), partial_idle or full_idle. Default: full_idle.",
            DefaultValueFactory = _ => "full_idle",
        };
        mode.AcceptOnlyFromAmong("request_idle", "exec_idle", "wh_exec_idle", "partial_idle", "full_idle");
        projects.Subcommands.Add(Change(runner, "idle", "Idle a project on every node (or one) and wait until each node says the mode asked; exit 0 when every running node does, 1 naming each node that does not.", parseResult => StrategyEnums.Parse<ProjectStatusValue>(parseResult.GetValue(mode)!), mode));
        return projects;
    }

    private static Command Change(CommandRunner runner, string name, string description, Func<ParseResult, ProjectStatusValue> valueOf, Option? extra = null)
    {
        var projectId = new Argument<string>("project-id") { Description = "The project (strategy projects list shows the ids)." };
        var node = new Option<string?>("--node") { Description = "Only this cluster node (strategy monitors list-cluster-nodes names them). Default: every node at once (servers 11.5.0500 and later)." };
        var deleteSessions = new Option<bool>("--delete-sessions") { Description = "End the project's user sessions first (every node at once only)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Start the change and print its resume token (strategy wait <token>), without waiting." };
        var command = new Command(name, description) { projectId, node, deleteSessions, noWait };
        if (extra is not null)
        {
            command.Options.Add(extra);
        }

        runner.SetAction(command, async (parseResult, session, cancellationToken) =>
        {
            var project = parseResult.GetValue(projectId)!;
            var value = valueOf(parseResult);
            var onNode = parseResult.GetValue(node);
            if (onNode is not null && parseResult.GetValue(deleteSessions))
            {
                throw new ArgumentException("--delete-sessions ends the project's sessions on every node at once; leave out --node, or end them with strategy connections disconnect. Nothing was changed.");
            }

            var monitors = session.Client<MonitorsClient>();
            var started = onNode is null
                ? await monitors.StartChangeProjectStatusAsync(project, new ProjectStatusRequest { Status = value }, parseResult.GetValue(deleteSessions) ? true : null, cancellationToken)
                : await monitors.StartChangeProjectStatusOnNodeAsync(onNode, project, new ProjectStatusOperations { OperationList = [new ProjectStatusOperation { Op = ProjectStatusOperationOp.Replace, Path = ProjectStatusOperationPath.Status, Value = value }] }, cancellationToken);
            if (parseResult.GetValue(noWait))
            {
                WaitCommand.PrintStarted(session, [($"the change of project {project} to {StrategyEnums.ToWireName(value)}", started)]);
                return ExitCodes.Success;
            }

            return await WaitForChangeAsync(session, started, StrategyEnums.ToWireName(value), onNode, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Waits for a project status change and prints every node's status; <c>projects load|unload|idle</c>
    /// and <c>strategy wait</c> print the same. With <paramref name="wanted"/>, a node changed (every node,
    /// or <paramref name="onNode"/>) whose project is not in that status is named and the exit code is 1;
    /// a stopped node changed always is.
    /// </summary>
    internal static async Task<int> WaitForChangeAsync(CliSession session, StrategyWork<ClusterNodeList> change, string? wanted, string? onNode, CancellationToken cancellationToken)
    {
        // The change goes on on the server whatever happens here: the API has no call that stops it.
        var what = change.Arguments.TryGetValue("projectId", out var changed) && changed is not null ? $"the status change of project {ServerText.Clean(changed, 40)}" : WorkWords.Subject(change);
        session.Interruption.StartedOnServer(what, "the API has no call that stops it");
        ClusterNodeList? nodes;
        using (var progress = ProgressPrinter.Of<ClusterNodeList>(session.Console, Progress))
        {
            nodes = await change.WaitForCompletionAsync(session.Waits, progress, cancellationToken);
        }

        session.Interruption.EndedOnServer(what);
        var projectId = change.Arguments.TryGetValue("projectId", out var id) ? id : null;
        var rows = (nodes?.Nodes ?? []).Select(n => new
        {
            node = n.Name,
            nodeStatus = n.Status,
            projectStatus = n.Projects?.FirstOrDefault(p => projectId is null || string.Equals(p.Id, projectId, StringComparison.OrdinalIgnoreCase))?.Status,
        }).ToList();
        var wrong = rows
            .Where(r => onNode is null || string.Equals(r.node, onNode, StringComparison.OrdinalIgnoreCase))
            .Where(r => !string.Equals(r.nodeStatus, "running", StringComparison.OrdinalIgnoreCase) || (wanted is not null && r.projectStatus != wanted))
            .ToList();
        CommandRunner.Print(session, rows, string.Join(Environment.NewLine, rows.Select(r => $"{ServerText.Clean(r.node, 100)}  {ServerText.Clean(r.nodeStatus, 20)}  {ServerText.Clean(r.projectStatus, 40) ?? "(no project reported)"}")));
        foreach (var row in wrong)
        {
            session.Console.Error.WriteLine(!string.Equals(row.nodeStatus, "running", StringComparison.OrdinalIgnoreCase)
                ? $"error: node {ServerText.Clean(row.node, 100)} is {ServerText.Clean(row.nodeStatus, 20)}: its project was not changed."
                : $"error: on node {ServerText.Clean(row.node, 100)} the project is {ServerText.Clean(row.projectStatus, 40) ?? "not reported"}, not {wanted}.");
        }

        return wrong.Count == 0 ? ExitCodes.Success : ExitCodes.ServerFailure;
    }
}
