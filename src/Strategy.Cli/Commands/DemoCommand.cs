using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Emulator.Reports;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy demo</c>: the three workflows of the documentation, one after another, then (on the emulator) the exports.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandRunner runner)
    {
        var dataModel = new Option<string?>("--data-model") { Description = "The data model to publish and subscribe to (against a server; on the emulator, its seed data model)." };
        var yes = new Option<bool>("--yes") { Description = "Go ahead against a server: the demo changes it (see what it does without this option)." };
        var demo = new Command(
            "demo",
            "Run the workflows end to end: schema reload, data model refresh, scheduled refresh run now and on an event, and (on the emulator) two cubes refreshed at once with their jobs, a publish started now and waited for later from its token, a report and a dashboard exported. On the embedded emulator unless a server is given; against a server it needs --data-model and --yes.")
        {
            dataModel,
            yes,
        };
        runner.SetAction(demo, async (parseResult, session, cancellationToken) =>
        {
            var dataModelId = parseResult.GetValue(dataModel) is { Length: > 0 } given ? given : session.OnEmulator ? Seeds.DataModelId : null;
            if (!session.OnEmulator && (dataModelId is null || !parseResult.GetValue(yes)))
            {
                // Nothing has been sent yet: say what would change, and change nothing.
                throw new ArgumentException(
                    $"demo changes the server it runs against: it reloads the schema of project {session.ProjectId}, publishes data model {dataModelId ?? "<--data-model>"} "
                    + "(replace on its first two tables), and creates a refresh subscription on it, changes it, runs it now and deletes it. "
                    + (dataModelId is null ? "Give --data-model <id> and --yes to go ahead." : "Give --yes to go ahead."));
            }

            return await RunAsync(session, dataModelId!, cancellationToken);
        }, emulatorByDefault: true);
        return demo;
    }

    private static async Task<int> RunAsync(CliSession session, string dataModelId, CancellationToken cancellationToken)
    {
        var output = session.Json ? TextWriter.Null : session.Console.Out;
        await session.Connection.LoginAsync(cancellationToken);
        output.WriteLine($"Logged in; working in project {session.ProjectId}.");

        output.WriteLine();
        output.WriteLine("1. Reload the schema asynchronously");
        var schema = session.Client<SchemaClient>();
        ModelTask? task;
        using (var progress = ProgressPrinter.Of<ModelTask>(session.Console, "schema reload"))
        {
            task = await schema.ReloadSchemaAndWaitAsync(
                new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.TableKey, SchemaUpdateType.EntryLevel, SchemaUpdateType.LogicalSize] },
                session.Waits,
                progress,
                cancellationToken);
        }

        output.WriteLine(task is null ? "   The schema was reloaded synchronously." : $"   Done: {SchemaCommands.Describe(task)}");

        output.WriteLine();
        output.WriteLine("2. Refresh a data model");
        var dataModels = session.Client<DataModelsClient>();
        var tables = new List<DataModelTable>();
        await foreach (var table in dataModels.EnumerateDataModelTablesAsync(dataModelId, cancellationToken: cancellationToken))
        {
            tables.Add(table);
        }

        output.WriteLine($"   Data model {dataModelId} has tables: {string.Join(", ", tables.Select(t => t.Information?.Name))}");
        var selection = TableSelection.ByName(RefreshPolicy.Replace, tables.Take(2).Select(t => t.Information.Name).ToArray());
        output.WriteLine($"   Publishing {selection} (instance created, published, polled, deleted)");
        PublishStatus published;
        using (var progress = ProgressPrinter.Of<PublishStatus>(session.Console, "publish", StatusWords.Publish))
        {
            published = await dataModels.PublishAndWaitAsync(dataModelId, selection, session.Waits, progress, cancellationToken);
        }

        output.WriteLine($"   Done: {StatusWords.Publish(published)}; the instance is deleted.");

        output.WriteLine();
        output.WriteLine("3. Schedule a data model refresh");
        var scheduleList = await session.Client<SchedulesClient>().ListSchedulesAsync(cancellationToken);
        var schedules = (scheduleList.Schedules ?? []).Where(s => s is not null).ToList();
        output.WriteLine($"   Schedules: {string.Join(", ", schedules.Select(s => s.Name))}");
        var timeBased = schedules.FirstOrDefault(s => s.ScheduleType == ScheduleType.TimeBased) ?? schedules.First();
        var eventBased = schedules.FirstOrDefault(s => s.ScheduleType == ScheduleType.EventBased);
        var subscriptions = session.Client<SubscriptionsClient>();
        var request = DataModelRefreshSubscription.Create(
            "Data Model Subscription Example",
            dataModelId,
            [new TableRefresh { Id = tables.First().Information.ObjectId, RefreshPolicy = RefreshPolicy.Upsert }],
            [timeBased.Id]);
        var created = await subscriptions.CreateSubscriptionAsync(request, cancellationToken);
        output.WriteLine($"   Created {SubscriptionCommands.Describe(created)}");
        try
        {
            var fetched = await subscriptions.GetSubscriptionAsync(created.Id, cancellationToken: cancellationToken);
            output.WriteLine($"   Read back: owner {fetched.Owner?.Name}, created {fetched.DateCreated:yyyy-MM-dd HH:mm:ss} UTC");
            var change = fetched.ToRequest();
            change.Name = "Updated Subscription";
            if (eventBased is not null)
            {
                change.Schedules = [new SubscriptionSchedule { Id = eventBased.Id }];
            }

            var updated = await subscriptions.UpdateSubscriptionAsync(created.Id, change, cancellationToken);
            output.WriteLine($"   Updated: {SubscriptionCommands.Describe(updated)}");
            var count = 0;
            await foreach (var listed in subscriptions.EnumerateSubscriptionsAsync(cancellationToken: cancellationToken))
            {
                count++;
            }

            output.WriteLine($"   Listed: {count} subscription(s)");
            SubscriptionStatus ranNow;
            using (var progress = ProgressPrinter.Of<SubscriptionStatus>(session.Console, "run", StatusWords.Run))
            {
                ranNow = await subscriptions.SendSubscriptionAndWaitAsync(created.Id, session.Waits, progress, cancellationToken);
            }

            output.WriteLine($"   Ran it now: {StatusWords.Run(ranNow)}; {string.Join("; ", StatusWords.Contents(ranNow))}");
            await FireEventAsync(session, output, eventBased, cancellationToken);
            if (session.Json)
            {
                CommandRunner.Print(session, new { task, published, subscription = updated, ranNow }, string.Empty);
            }
        }
        finally
        {
            // The example subscription is the demo's own: it goes, whatever happened after it was made, within the clean-up time.
            using var cleanup = new CancellationTokenSource(session.Waits.CleanupTimeout);
            await subscriptions.DeleteSubscriptionAsync(created.Id, cleanup.Token);
            output.WriteLine($"   Deleted subscription {created.Id}");
        }

        await RefreshCubesAsync(session, output, cancellationToken);
        await StartNowWaitLaterAsync(session, output, cancellationToken);
        await ExportAsync(session, output, cancellationToken);
        output.WriteLine();
        output.WriteLine("All workflows completed.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Prints a step's heading; on a server, where the step's objects are the user's to name, also the
    /// command that does it, and answers <see langword="false"/>: the step is not run.
    /// </summary>
    private static bool OnEmulatorStep(CliSession session, TextWriter output, string heading, string onServer)
    {
        output.WriteLine();
        output.WriteLine(heading);
        if (!session.OnEmulator)
        {
            output.WriteLine(onServer);
        }

        return session.OnEmulator;
    }

    /// <summary>
    /// Exports the emulator's prompted report (its required prompt answered) and its dashboard as a PDF,
    /// counting what was written; on a server the reports and dashboards are the user's to name.
    /// </summary>
    private static async Task ExportAsync(CliSession session, TextWriter output, CancellationToken cancellationToken)
    {
        if (!OnEmulatorStep(session, output, "6. Export a report and a dashboard", "   Not exporting against a server: `strategy reports export <report-id> -o file.csv` and `strategy dashboards export <dashboard-id> --format pdf -o file.pdf` do."))
        {
            return;
        }

        var report = await session.Client<ReportsClient>().ExportReportAsync(
            ReportSeeds.PromptedReportId,
            Stream.Null,
            new ReportExportOptions { Prompts = new Dictionary<string, object> { ["Minimum revenue"] = 1000 }, Wait = session.Waits },
            cancellationToken: cancellationToken);
        output.WriteLine($"   Report {report.ReportId}, its prompt 'Minimum revenue' answered with 1000: {report.Rows} row(s) of {string.Join(", ", report.Columns)} as CSV");
        using var pdf = new MemoryStream();
        var dashboard = await session.Client<DocumentsClient>().ExportDashboardAsync(ReportSeeds.DashboardId, DashboardExportFormat.Pdf, pdf, new DashboardExportOptions { Wait = session.Waits }, cancellationToken);
        output.WriteLine($"   Dashboard '{ReportSeeds.DashboardName}' as a PDF of {dashboard.Bytes:N0} bytes; its instance is closed.");
    }

    /// <summary>
    /// Refreshes two of the emulator's Intelligent Cubes at once and prints how each publish ended,
    /// then the jobs the monitor still shows; on a server the cubes are the user's to name.
    /// </summary>
    private static async Task RefreshCubesAsync(CliSession session, TextWriter output, CancellationToken cancellationToken)
    {
        if (!OnEmulatorStep(session, output, "4. Refresh Intelligent Cubes, two at once, and see their jobs", "   Not publishing cubes against a server: `strategy cubes refresh <cube-id>... --parallel 4` does, and `strategy jobs list` shows the jobs."))
        {
            return;
        }

        string[] cubeIds = [Seeds.SalesCubeId, Seeds.InventoryCubeId];
        output.WriteLine($"   Publishing {string.Join(" and ", Seeds.Cubes.Where(c => cubeIds.Contains(c.Id)).Select(c => $"'{c.Name}'"))}, each as a job on a cluster node");
        var outcomes = await session.Client<CubesClient>().PublishCubesAndWaitAsync(cubeIds, new CubePublishingOptions { MaxConcurrency = 2 }, session.Waits, cancellationToken: cancellationToken);
        foreach (var outcome in outcomes)
        {
            output.WriteLine($"   {outcome}; its cache was last updated by job {outcome.LastUpdate?.JobNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
        }

        var jobs = new List<MonitorJob>();
        foreach (var node in ((await session.Client<MonitorsClient>().ListClusterNodesAsync(session.ProjectId, null, cancellationToken)).Nodes ?? []).Select(n => n?.Name).OfType<string>())
        {
            jobs.AddRange(((await session.Client<JobsClient>().ListJobsAsync(node, cancellationToken: cancellationToken)).Jobs ?? []).Where(j => j is not null));
        }

        output.WriteLine($"   The monitor shows {jobs.Count} job(s) until they leave it:");
        foreach (var job in jobs)
        {
            output.WriteLine("     " + JobCommands.Describe(job));
        }
    }

    /// <summary>
    /// Starts a cube publish without waiting, prints its resume token, and waits for it from the token,
    /// as a later process would with <c>strategy wait</c>.
    /// </summary>
    private static async Task StartNowWaitLaterAsync(CliSession session, TextWriter output, CancellationToken cancellationToken)
    {
        if (!OnEmulatorStep(session, output, "5. Start now, wait later", "   Not starting work against a server: `strategy cubes refresh <cube-id> --no-wait` prints a token, and `strategy wait <token>` waits for it in any later process."))
        {
            return;
        }

        var started = await session.Client<CubesClient>().StartPublishCubeAsync(Seeds.CustomerCubeId, cancellationToken);
        var token = started.GetResumeToken();
        output.WriteLine($"   Started {WorkWords.Subject(started)}; its resume token (no secret in it): {token}");
        var resumed = await session.Connection.ResumeAsync(token, cancellationToken);
        await resumed.WaitForCompletionUntypedAsync(session.Waits, null, cancellationToken);
        output.WriteLine($"   Resumed from the token, as `strategy wait <token>` does in any later process: {WorkWords.Subject(resumed)} {WorkWords.Outcome(resumed.Outcome)}.");
    }

    /// <summary>Fires the event the event-based schedule waits on, on the emulator only: on a server it would run every subscription waiting on it.</summary>
    private static async Task FireEventAsync(CliSession session, TextWriter output, Schedule? eventBased, CancellationToken cancellationToken)
    {
        if (eventBased is null)
        {
            return;
        }

        var schedule = await session.Client<SchedulesClient>().GetScheduleAsync(eventBased.Id, cancellationToken: cancellationToken);
        if (schedule.Event is not { } waitsOn)
        {
            return;
        }

        if (!session.OnEmulator)
        {
            output.WriteLine($"   Not firing event '{waitsOn.Name}' against a server: it runs every subscription that waits on it (`strategy events trigger {waitsOn.EventId}` does).");
            return;
        }

        IReadOnlyList<StrategySubscriptionRun> fired;
        using (var progress = ProgressPrinter.Of<SubscriptionStatus>(session.Console, "runs", StatusWords.RunOf))
        {
            fired = await session.Client<EventsClient>().TriggerEventAndWaitAsync(waitsOn.EventId, session.Waits, progress, cancellationToken);
        }

        output.WriteLine($"   Fired event '{waitsOn.Name}', which schedule '{schedule.Name}' waits on: {string.Join("; ", fired)}");
    }
}
