using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy schema reload</c> and <c>strategy tasks get</c>.</summary>
internal static class SchemaCommands
{
    public static Command Schema(CommandRunner runner)
    {
        var updateTypes = new Option<string[]>("--update-types")
        {
            Description = "What to recalculate: table_key, entry_level, logical_size, clear_element_cache (space-separated). Default: none.",
            AllowMultipleArgumentsPerToken = true,
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Start the reload as a task and print its resume token (strategy wait <token>), without waiting." };
        var reload = new Command("reload", "Reload (update) the project schema; waits for the task by default.") { updateTypes, noWait };
        runner.SetAction(reload, async (parseResult, session, cancellationToken) =>
        {
            var request = new SchemaReloadRequest
            {
                UpdateTypes = (parseResult.GetValue(updateTypes) ?? []).Select(StrategyEnums.Parse<SchemaUpdateType>).ToList(),
            };
            var schema = session.Client<SchemaClient>();
            if (parseResult.GetValue(noWait))
            {
                WaitCommand.PrintStarted(session, [("the schema reload", await schema.StartReloadSchemaAsync(request, cancellationToken))]);
                return ExitCodes.Success;
            }

            // From the 202 on, the reload runs as a task on the server whatever happens here.
            string? running = null;
            using var progress = ProgressPrinter.Of<ModelTask>(session.Console, Progress, onStatus: task =>
            {
                running ??= $"the schema reload task {task.Id}";
                session.Interruption.StartedOnServer(running, "the API has no call that stops it");
            });
            var task = await schema.ReloadSchemaAndWaitAsync(request, session.Waits, progress, cancellationToken);
            if (running is not null)
            {
                session.Interruption.EndedOnServer(running);
            }

            progress.Dispose();
            return PrintReloaded(session, task);
        });

        return new Command("schema", "Work with the project schema.") { reload };
    }

    public static Command Tasks(CommandRunner runner)
    {
        var taskId = new Argument<string>("task-id") { Description = "The task id answered by an asynchronous request." };
        var get = new Command("get", "Show a modeling task.") { taskId };
        runner.SetAction(get, async (parseResult, session, cancellationToken) =>
        {
            var task = await session.Client<SchemaClient>().GetTaskAsync(parseResult.GetValue(taskId)!, cancellationToken);
            CommandRunner.Print(session, task, Describe(task));
            return ExitCodes.Success;
        });

        return new Command("tasks", "Work with modeling tasks.") { get };
    }

    /// <summary>What the progress lines of a schema reload name.</summary>
    internal const string Progress = "schema reload";

    /// <summary><c>strategy wait</c> for a schema reload: the wait, then what <c>schema reload</c> prints.</summary>
    internal static async Task<int> WaitForReloadAsync(CliSession session, StrategyWork<ModelTask> reload, CancellationToken cancellationToken)
    {
        using var progress = ProgressPrinter.Of<ModelTask>(session.Console, Progress);
        var task = await reload.WaitForCompletionAsync(session.Waits, progress, cancellationToken);
        progress.Dispose();
        return PrintReloaded(session, task);
    }

    /// <summary>How a reload ended, as <c>schema reload</c> and <c>wait</c> print it.</summary>
    private static int PrintReloaded(CliSession session, ModelTask? task)
    {
        CommandRunner.Print(session, (object?)task ?? new { status = "completed" },
            task is null ? "The schema was reloaded synchronously." : $"Schema reloaded: {Describe(task)}");
        return ExitCodes.Success;
    }

    internal static string Describe(ModelTask task)
    {
        var status = StrategyEnums.ToWireName(task, "status", (ModelTaskStatus?)task.Status) ?? string.Empty;
        var took = task.EndTime is { } end && task.StartTime is { } start ? $", {(end - start).TotalSeconds:0.0} s" : string.Empty;
        return $"task {task.Id} ({task.Task}) {status}{took}";
    }
}
