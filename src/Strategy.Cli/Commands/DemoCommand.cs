using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy demo</c>: the three workflows of the documentation, one after another.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandRunner runner)
    {
        var demo = new Command("demo", "Run the three workflows end to end: schema reload, data model refresh, scheduled refresh (against the embedded emulator unless --base-url is given).");
        runner.SetAction(demo, async (_, session, cancellationToken) =>
        {
            var output = session.Json ? TextWriter.Null : session.Console.Out;
            await session.Connection.LoginAsync(cancellationToken);
            output.WriteLine($"Logged in; working in project {session.Connection.ProjectId}.");

            output.WriteLine();
            output.WriteLine("1. Reload the schema asynchronously");
            var schema = session.Client<SchemaClient>();
            ModelTask? task;
            using (var progress = new ProgressPrinter<ModelTask>(session.Console, "schema reload"))
            {
                task = await schema.ReloadSchemaAndWaitAsync(
                    new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.Table_key, SchemaUpdateType.Entry_level, SchemaUpdateType.Logical_size] },
                    session.Waits,
                    progress,
                    cancellationToken);
            }

            output.WriteLine(task is null ? "   The schema was reloaded synchronously." : $"   Done: {SchemaCommands.Describe(task)}");

            output.WriteLine();
            output.WriteLine("2. Refresh a data model");
            var dataModels = session.Client<DataModelsClient>();
            var tables = new List<DataModelTable>();
            await foreach (var table in dataModels.EnumerateDataModelTablesAsync(Seeds.DataModelId, cancellationToken: cancellationToken))
            {
                tables.Add(table);
            }

            output.WriteLine($"   Data model {Seeds.DataModelId} has tables: {string.Join(", ", tables.Select(t => t.Information.Name))}");
            var selection = TableSelection.ByName(RefreshPolicy.Replace, tables.Take(2).Select(t => t.Information.Name).ToArray());
            output.WriteLine($"   Publishing {selection} (instance created, published, polled, deleted)");
            PublishStatus published;
            using (var progress = new ProgressPrinter<PublishStatus>(session.Console, "publish", StatusWords.Publish))
            {
                published = await dataModels.PublishAndWaitAsync(Seeds.DataModelId, selection, session.Waits, progress, cancellationToken);
            }

            output.WriteLine($"   Done: {StatusWords.Publish(published)}; the instance is deleted.");

            output.WriteLine();
            output.WriteLine("3. Schedule a data model refresh");
            var schedules = await session.Client<SchedulesClient>().ListSchedulesAsync(cancellationToken);
            output.WriteLine($"   Schedules: {string.Join(", ", schedules.Schedules.Select(s => s.Name))}");
            var subscriptions = session.Client<SubscriptionsClient>();
            var request = DataModelRefreshSubscription.Create(
                "Data Model Subscription Example",
                Seeds.DataModelId,
                [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }],
                [Seeds.AllTheTimeScheduleId]);
            var created = await subscriptions.CreateSubscriptionAsync(request, cancellationToken);
            output.WriteLine($"   Created {SubscriptionCommands.Describe(created)}");
            var fetched = await subscriptions.GetSubscriptionAsync(created.Id, cancellationToken: cancellationToken);
            output.WriteLine($"   Read back: owner {fetched.Owner.Name}, created {fetched.DateCreated:yyyy-MM-dd HH:mm:ss} UTC");
            request.Name = "Updated Subscription";
            request.Schedules = [new SubscriptionSchedule { Id = Seeds.PersonalViewScheduleId }];
            var updated = await subscriptions.UpdateSubscriptionAsync(created.Id, request, cancellationToken);
            output.WriteLine($"   Updated: {SubscriptionCommands.Describe(updated)}");
            var count = 0;
            await foreach (var listed in subscriptions.EnumerateSubscriptionsAsync(cancellationToken: cancellationToken))
            {
                count++;
            }

            output.WriteLine($"   Listed: {count} subscription(s)");
            SubscriptionStatus ranNow;
            using (var progress = new ProgressPrinter<SubscriptionStatus>(session.Console, "run", StatusWords.Run))
            {
                ranNow = await subscriptions.SendSubscriptionAndWaitAsync(created.Id, session.Waits, progress, cancellationToken);
            }

            output.WriteLine($"   Ran it now: {StatusWords.Run(ranNow)}; {string.Join("; ", StatusWords.Contents(ranNow))}");
            var personalView = await session.Client<SchedulesClient>().GetScheduleAsync(Seeds.PersonalViewScheduleId, cancellationToken: cancellationToken);
            if (personalView.Event is { } waitsOn)
            {
                IReadOnlyList<StrategySubscriptionRun> fired;
                using (var progress = new ProgressPrinter<SubscriptionStatus>(session.Console, "runs", status => $"{status.Id}: {StatusWords.Run(status)}"))
                {
                    fired = await session.Client<EventsClient>().TriggerEventAndWaitAsync(waitsOn.EventId, session.Waits, progress, cancellationToken);
                }

                output.WriteLine($"   Fired event '{waitsOn.Name}', which schedule '{personalView.Name}' waits on: {string.Join("; ", fired)}");
            }

            await subscriptions.DeleteSubscriptionAsync(created.Id, cancellationToken);
            output.WriteLine($"   Deleted subscription {created.Id}");

            output.WriteLine();
            output.WriteLine("All three workflows completed.");
            if (session.Json)
            {
                CommandRunner.Print(session, new { task, published, subscription = updated, ranNow }, string.Empty);
            }

            return ExitCodes.Success;
        });
        return demo;
    }
}
