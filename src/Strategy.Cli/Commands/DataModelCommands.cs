using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy datamodels tables</c> and <c>strategy datamodels publish</c>.</summary>
internal static class DataModelCommands
{
    public static Command Create(CommandRunner runner)
    {
        var tablesId = new Argument<string>("data-model-id") { Description = "The data model." };
        var tables = new Command("tables", "List the tables of a data model.") { tablesId };
        runner.SetAction(tables, async (parseResult, session, cancellationToken) =>
        {
            var list = new List<DataModelTable>();
            await foreach (var table in session.Client<DataModelsClient>().EnumerateDataModelTablesAsync(parseResult.GetValue(tablesId)!, cancellationToken: cancellationToken))
            {
                list.Add(table);
            }

            CommandRunner.Print(session, list, string.Join(Environment.NewLine, list.Select(t => $"{t.Information?.ObjectId}  {t.Information?.Name}")));
            return ExitCodes.Success;
        });

        var publishId = new Argument<string>("data-model-id") { Description = "The data model." };
        var tableOption = new Option<string[]>("--table")
        {
            Description = "A table to publish, by name or id, with an optional policy: ytd_day=upsert. Repeat for more. Default: all tables. Policies: " + RefreshPolicies.Explained + ".",
        };
        var policy = new Option<string?>("--policy") { Description = "The refresh policy for tables without one: " + RefreshPolicies.Explained + ". Default replace." };
        var publishNoWait = new Option<bool>("--no-wait") { Description = "Start the publish in its instance and print its resume token (strategy wait <token> waits, and deletes the instance at the end), without waiting." };
        var publish = new Command("publish", "Publish (refresh) a data model and wait until its tables are loaded.") { publishId, tableOption, policy, publishNoWait };
        runner.SetAction(publish, async (parseResult, session, cancellationToken) =>
        {
            var selection = TableArguments.Parse(parseResult.GetValue(tableOption), parseResult.GetValue(policy));
            var dataModelId = parseResult.GetValue(publishId)!;
            if (parseResult.GetValue(publishNoWait))
            {
                WaitCommand.PrintStarted(session, [($"the publish of {selection} of data model {dataModelId}", await session.Client<DataModelsClient>().StartPublishTablesAsync(dataModelId, selection, cancellationToken))]);
                return ExitCodes.Success;
            }

            if (!session.Json)
            {
                session.Console.Error.WriteLine($"Publishing {selection} of data model {dataModelId}");
            }

            using var progress = Progress(session);
            var status = await session.Client<DataModelsClient>().PublishAndWaitAsync(dataModelId, selection, session.Waits, progress, cancellationToken);
            progress.Dispose();
            return PrintPublished(session, dataModelId, status);
        });

        var subscribedId = new Argument<string>("data-model-id") { Description = "The data model." };
        var subscriptions = new Command("subscriptions", "List the subscriptions that refresh a data model.") { subscribedId };
        runner.SetAction(subscriptions, async (parseResult, session, cancellationToken) =>
        {
            var dataModelId = parseResult.GetValue(subscribedId)!;
            var refreshing = new List<Subscription>();
            await foreach (var subscription in session.Client<SubscriptionsClient>().EnumerateSubscriptionsAsync(cancellationToken: cancellationToken))
            {
                // The server lists no dependents of a data model: its subscriptions are those with it among their contents.
                if ((subscription.Contents ?? []).Any(c => c?.Type == ContentType.DataModel && string.Equals(c.Id, dataModelId, StringComparison.OrdinalIgnoreCase)))
                {
                    refreshing.Add(subscription);
                }
            }

            CommandRunner.Print(session, refreshing, refreshing.Count == 0
                ? $"No subscription refreshes data model {dataModelId}."
                : string.Join(Environment.NewLine, refreshing.Select(SubscriptionCommands.Describe)));
            return ExitCodes.Success;
        });

        return new Command("datamodels", "Work with data models.") { tables, publish, subscriptions };
    }

    /// <summary><c>strategy wait</c> for a data model publish: the wait (its instance deleted at the end), then what <c>datamodels publish</c> prints.</summary>
    internal static async Task<int> WaitForPublishAsync(CliSession session, StrategyWork<PublishStatus> publish, CancellationToken cancellationToken)
    {
        using var progress = Progress(session);
        var status = await publish.WaitForCompletionAsync(session.Waits, progress, cancellationToken);
        progress.Dispose();

        return PrintPublished(session, publish.Arguments.GetValueOrDefault(StrategyWorkKinds.PublishDataModelArguments.DataModelId) ?? publish.Id, status);
    }

    private static ProgressPrinter Progress(CliSession session) => ProgressPrinter.Of<PublishStatus>(session.Console, "publish", StatusWords.Publish);

    /// <summary>How a publish ended, as <c>datamodels publish</c> and <c>wait</c> print it.</summary>
    private static int PrintPublished(CliSession session, string dataModelId, PublishStatus? status)
    {
        var tablesText = string.Join(", ", (status?.Tables ?? []).Select(t => $"{t.Id} {StatusWords.Table(t)}"));
        CommandRunner.Print(session, status, $"Data model {dataModelId} published: {(status is null ? "done" : StatusWords.Publish(status))}{(tablesText.Length > 0 ? " (" + tablesText + ")" : string.Empty)}.");
        return ExitCodes.Success;
    }
}
