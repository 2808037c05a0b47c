using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy cubes list|status|refresh|load|unload</c>: Intelligent Cubes, published and followed to their end.</summary>
internal static class CubeCommands
{
    /// <summary>The object type of an Intelligent Cube in a quick search.</summary>
    private const int CubeType = 776;

    public static Command Create(CommandRunner runner)
    {
        var list = ObjectListCommand.Create(runner, CubeType, "List the project's Intelligent Cubes.", "No Intelligent Cubes.");

        var statusId = new Argument<string>("cube-id") { Description = "The cube." };
        var status = new Command("status", "Show a cube's status flags in words.") { statusId };
        runner.SetAction(status, async (parseResult, session, cancellationToken) =>
        {
            var cubeId = parseResult.GetValue(statusId)!;
            var flags = await session.Client<CubesClient>().GetCubeStatusFlagsAsync(cubeId, cancellationToken);
            CommandRunner.Print(session, Describe(cubeId, flags), $"Cube {cubeId}: {flags} ({flags.Raw}).");
            return ExitCodes.Success;
        });

        var refreshIds = new Argument<string[]>("cube-id") { Description = "The cubes to publish.", Arity = ArgumentArity.OneOrMore };
        var parallel = new Option<int>("--parallel") { Description = "How many publishes may run on the server at a time. Default 4.", DefaultValueFactory = _ => CubePublishingOptions.Default.MaxConcurrency };
        var noWait = new Option<bool>("--no-wait") { Description = "Start the publishes and print a resume token for each (strategy wait <token>), without waiting for them." };
        var refresh = new Command(
            "refresh",
            "Publish (refresh) cubes and wait until each ends, one line per cube as it ends; exit 0 when all succeeded, 1 when any failed, 2 at the time limit, 7 when none failed but some outcomes are unknown. Ctrl+C cancels the jobs started.")
        {
            refreshIds,
            parallel,
            noWait,
        };
        runner.SetAction(refresh, async (parseResult, session, cancellationToken) =>
        {
            var cubeIds = parseResult.GetValue(refreshIds)!;
            var atOnce = parseResult.GetValue(parallel);
            if (atOnce < 1)
            {
                throw new ArgumentException($"--parallel must be at least 1, not {atOnce}.");
            }

            var cubes = session.Client<CubesClient>();
            if (parseResult.GetValue(noWait))
            {
                var started = new List<(string, StrategyWork)>();
                foreach (var cubeId in cubeIds.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    started.Add(("the publish of cube " + cubeId, await cubes.StartPublishCubeAsync(cubeId, cancellationToken)));
                }

                WaitCommand.PrintStarted(session, started);
                return ExitCodes.Success;
            }

            if (!session.Json)
            {
                session.Console.Error.WriteLine($"Publishing {cubeIds.Length} cube(s), {atOnce} at a time");
            }

            // A line per cube as it ends (stdout), so a scheduler's log shows each as it happens.
            var ended = new LineReporter(session);
            IReadOnlyList<CubePublishOutcome> outcomes;
            try
            {
                outcomes = await cubes.PublishCubesAndWaitAsync(cubeIds, new CubePublishingOptions { MaxConcurrency = atOnce }, session.Waits, ended, cancellationToken);
            }
            catch (StrategyCubePublishesFailedException failed)
            {
                PrintJson(session, failed.Outcomes);
                throw;
            }

            PrintJson(session, outcomes);
            return ExitCodes.Success;
        });

        var loadId = new Argument<string>("cube-id") { Description = "The cube whose cache to load." };
        var loadNoWait = new Option<bool>("--no-wait") { Description = "Start the change on each cache and print a resume token for each (strategy wait <token>), without waiting." };
        var load = new Command("load", "Load a cube's cache into memory on every node that has one, and wait until it is loaded.") { loadId, loadNoWait };
        runner.SetAction(load, (parseResult, session, cancellationToken) => ChangeCachesAsync(session, parseResult.GetValue(loadId)!, load: true, parseResult.GetValue(loadNoWait), cancellationToken));

        var unloadId = new Argument<string>("cube-id") { Description = "The cube whose cache to unload." };
        var unloadNoWait = new Option<bool>("--no-wait") { Description = "Start the change on each cache and print a resume token for each (strategy wait <token>), without waiting." };
        var unload = new Command("unload", "Unload a cube's cache from memory on every node that has one, and wait until it is unloaded.") { unloadId, unloadNoWait };
        runner.SetAction(unload, (parseResult, session, cancellationToken) => ChangeCachesAsync(session, parseResult.GetValue(unloadId)!, load: false, parseResult.GetValue(unloadNoWait), cancellationToken));

        return new Command("cubes", "Publish Intelligent Cubes and know how each publish ended; load and unload their caches.") { list, status, refresh, load, unload };
    }

    /// <summary>A cube's flags as --json prints them: the number as sent, and each flag by name.</summary>
    internal static object Describe(string cubeId, StrategyFlags<CubeStatus> flags) => new
    {
        cubeId,
        status = flags.Raw,
        flags = Enum.GetValues<CubeStatus>().Where(f => flags.Has(f)).Select(f => f.ToString()).ToArray(),
    };

    /// <summary>
    /// <c>strategy wait</c> for a cube publish: the wait, then what <c>cubes refresh</c> prints for the
    /// cube (its line, or its outcome with --json), with the same exit code when it failed.
    /// </summary>
    internal static async Task<int> WaitForPublishAsync(CliSession session, StrategyWork publish, CancellationToken cancellationToken)
    {
        CubePublishOutcome outcome;
        using (var progress = ProgressPrinter.Of<MonitorJob>(session.Console, "cube publish"))
        {
            try
            {
                outcome = await session.Client<CubesClient>().WaitForPublishAsync(publish, session.Waits, progress, cancellationToken);
            }
            catch (Exception ex) when (ex is StrategyOperationFailedException or StrategyOutcomeUnknownException)
            {
                // As the refresh tells a cube that failed: its outcome, then the error that says which (and the same exit code).
                progress.Dispose();
                var failed = new CubePublishOutcome(publish.Arguments.GetValueOrDefault(StrategyWorkKinds.PublishCubeArguments.CubeId) ?? publish.Id, (ex as StrategyOperationFailedException)?.LastStatus as MonitorJob, null, null) { Error = ex };
                new LineReporter(session).Report(failed);
                PrintJson(session, [failed]);
                throw new StrategyCubePublishesFailedException([failed]);
            }
        }

        new LineReporter(session).Report(outcome);
        PrintJson(session, [outcome]);
        return ExitCodes.Success;
    }

    private static void PrintJson(CliSession session, IReadOnlyList<CubePublishOutcome> outcomes)
    {
        if (session.Json)
        {
            CommandRunner.Print(session, outcomes.Select(Json), string.Empty);
        }
    }

    private static object Json(CubePublishOutcome outcome) => new
    {
        cubeId = outcome.CubeId,
        succeeded = outcome.Succeeded,
        jobId = outcome.Job?.Id,
        jobStatus = outcome.Job is { } job ? StrategyEnums.ToWireName(job, "status", job.Status) : null,
        flags = outcome.Flags is { } flags ? Describe(outcome.CubeId, flags) : null,
        lastUpdate = outcome.LastUpdate is { } update ? new { source = update.Source, jobNumber = update.JobNumber, time = update.Time, errorMessage = update.ErrorMessage } : null,
        rejections = outcome.Rejections,
        error = outcome.Error is { } error ? ServerText.Clean(error.Message, 2000) : null,
    };

    private static async Task<int> ChangeCachesAsync(CliSession session, string cubeId, bool load, bool noWait, CancellationToken cancellationToken)
    {
        var caches = session.Client<CubeCachesClient>();
        var found = await caches.FindCubeCachesAsync(cubeId, cancellationToken);
        if (found.Count == 0)
        {
            throw new ArgumentException($"Cube {cubeId} has no cache on any node of the project; publish it first (strategy cubes refresh {cubeId}).");
        }

        if (noWait)
        {
            var started = new List<(string, StrategyWork)>();
            foreach (var cache in found)
            {
                var change = new CubeCacheChange { State = new CubeCacheStateChange { LoadedState = load ? CubeCacheLoadedState.Loaded : CubeCacheLoadedState.Unloaded } };
                started.Add(($"{(load ? "loading" : "unloading")} cache {cache.Id} of cube {cubeId}", await caches.StartUpdateCubeCacheAsync(cache.Id, change, cancellationToken)));
            }

            WaitCommand.PrintStarted(session, started);
            return ExitCodes.Success;
        }

        var done = new List<object>();
        foreach (var cache in found)
        {
            using var progress = ProgressPrinter.Of<CubeCacheManipulationState>(session.Console, load ? "load" : "unload");
            var status = load
                ? await caches.LoadCubeCacheAsync(cache.Id, session.Waits, progress, cancellationToken)
                : await caches.UnloadCubeCacheAsync(cache.Id, session.Waits, progress, cancellationToken);
            done.Add(new { cacheId = cache.Id, node = cache.Node, status = status.Status });
        }

        CommandRunner.Print(session, done, string.Join(Environment.NewLine, found.Select(c => $"Cube {cubeId}: cache {c.Id} on {c.Node} {(load ? "loaded" : "unloaded")}.")));
        return ExitCodes.Success;
    }

    /// <summary>Writes each cube's outcome as it ends: a line on stdout (nothing with --json, which prints them all at the end).</summary>
    private sealed class LineReporter(CliSession session) : IProgress<CubePublishOutcome>
    {
        private readonly object _lock = new();

        public void Report(CubePublishOutcome value)
        {
            if (session.Json)
            {
                return;
            }

            lock (_lock)
            {
                session.Console.Out.WriteLine(value.ToString());
            }
        }
    }
}
