using System.CommandLine;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy subscriptions list|get|create|update|delete|run|status</c> and <c>strategy schedules list</c>.</summary>
internal static class SubscriptionCommands
{
    public static Command Create(CommandRunner runner)
    {
        var list = new Command("list", "List the project's subscriptions.");
        runner.SetAction(list, async (_, session, cancellationToken) =>
        {
            var all = new List<Subscription>();
            await foreach (var subscription in session.Client<SubscriptionsClient>().EnumerateSubscriptionsAsync(cancellationToken: cancellationToken))
            {
                all.Add(subscription);
            }

            CommandRunner.Print(session, all, all.Count == 0 ? "No subscriptions." : string.Join(Environment.NewLine, all.Select(Describe)));
            return ExitCodes.Success;
        });

        var getId = new Argument<string>("subscription-id") { Description = "The subscription." };
        var get = new Command("get", "Show a subscription.") { getId };
        runner.SetAction(get, async (parseResult, session, cancellationToken) =>
        {
            var subscription = await session.Client<SubscriptionsClient>().GetSubscriptionAsync(parseResult.GetValue(getId)!, cancellationToken: cancellationToken);
            CommandRunner.Print(session, subscription, Describe(subscription));
            return ExitCodes.Success;
        });

        var request = new RequestOptions(forUpdate: false);
        var create = new Command("create", "Create a subscription that refreshes a data model on a schedule.");
        request.AddTo(create);
        runner.SetAction(create, async (parseResult, session, cancellationToken) =>
        {
            var body = await request.BuildAsync(parseResult, session, cancellationToken);
            var created = await session.Client<SubscriptionsClient>().CreateSubscriptionAsync(body, cancellationToken);
            CommandRunner.Print(session, created, $"Created {Describe(created)}");
            return ExitCodes.Success;
        });

        var updateId = new Argument<string>("subscription-id") { Description = "The subscription to change." };
        var updateRequest = new RequestOptions(forUpdate: true);
        var update = new Command("update", "Change the settings given, and keep every other as stored (policies, filters, delivery, and what this client does not know).") { updateId };
        updateRequest.AddTo(update);
        runner.SetAction(update, async (parseResult, session, cancellationToken) =>
        {
            var id = parseResult.GetValue(updateId)!;
            var subscriptions = session.Client<SubscriptionsClient>();

            // A PUT replaces the whole subscription: send back what was read, with only the options given applied.
            var stored = await subscriptions.GetSubscriptionAsync(id, cancellationToken: cancellationToken);
            var body = await updateRequest.ApplyAsync(parseResult, stored.ToRequest(), id, session, cancellationToken);
            var updated = await subscriptions.UpdateSubscriptionAsync(id, body, cancellationToken);
            CommandRunner.Print(session, updated, $"Updated {Describe(updated)}");
            return ExitCodes.Success;
        });

        var deleteId = new Argument<string>("subscription-id") { Description = "The subscription." };
        var delete = new Command("delete", "Delete a subscription.") { deleteId };
        runner.SetAction(delete, async (parseResult, session, cancellationToken) =>
        {
            var id = parseResult.GetValue(deleteId)!;
            await session.Client<SubscriptionsClient>().DeleteSubscriptionAsync(id, cancellationToken);
            CommandRunner.Print(session, new { deleted = id }, $"Deleted subscription {id}.");
            return ExitCodes.Success;
        });

        var runId = new Argument<string>("subscription-id") { Description = "The subscription to run now." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the server has accepted the run, and print its resume token (strategy wait <token>)." };
        var run = new Command("run", "Run a subscription now and wait for that run; exit 0 when it succeeded, 1 when it failed, was canceled or timed out on the server, 5 when the server skipped it, 3 when the server reports no status for it (its delivery mode has none: run it with --no-wait; nothing was sent).") { runId, noWait };
        runner.SetAction(run, (parseResult, session, cancellationToken) =>
            RunAsync(session, parseResult.GetValue(runId)!, parseResult.GetValue(noWait), cancellationToken));

        var statusId = new Argument<string>("subscription-id") { Description = "The subscription." };
        var status = new Command("status", "Show how the subscription's last run went, or that it never ran (--json: the status, or null).") { statusId };
        runner.SetAction(status, async (parseResult, session, cancellationToken) =>
        {
            var id = parseResult.GetValue(statusId)!;
            var last = await session.Client<SubscriptionsClient>().GetLastSubscriptionRunAsync(id, cancellationToken);
            CommandRunner.Print(session, (object?)last, last is null ? $"Subscription {id} never ran." : DescribeRun(id, last));
            return ExitCodes.Success;
        });

        return new Command("subscriptions", "Schedule data model refreshes with subscriptions, and run them now.") { list, get, create, update, delete, run, status };
    }

    /// <summary>Runs a subscription now and, unless told not to, waits for that run and says how it ended.</summary>
    private static async Task<int> RunAsync(CliSession session, string subscriptionId, bool noWait, CancellationToken cancellationToken)
    {
        var subscriptions = session.Client<SubscriptionsClient>();
        var work = $"the run of subscription {subscriptionId}";
        if (noWait)
        {
            WaitCommand.PrintStarted(session, [("the run of subscription " + subscriptionId, await subscriptions.StartSendSubscriptionAsync(subscriptionId, cancellationToken))]);
            return ExitCodes.Success;
        }

        // From the send on, the run goes on on the server whatever happens here.
        session.Interruption.StartedOnServer(work, "a run cannot be stopped through the API");
        return await FollowRunAsync(
            session,
            subscriptionId,
            progress => subscriptions.SendSubscriptionAndWaitAsync(subscriptionId, session.Waits, progress, cancellationToken),
            ended: () => session.Interruption.EndedOnServer(work));
    }

    /// <summary><c>strategy wait</c> for a subscription run: the wait, then what <c>subscriptions run</c> prints.</summary>
    internal static Task<int> WaitForRunAsync(CliSession session, StrategyWork<SubscriptionStatus> run, CancellationToken cancellationToken) =>
        FollowRunAsync(session, run.Arguments.GetValueOrDefault(StrategyWorkKinds.SendSubscriptionArguments.SubscriptionId) ?? run.Id, async progress => (await run.WaitForCompletionAsync(session.Waits, progress, cancellationToken))!);

    /// <summary>A run followed to its end and printed, as <c>subscriptions run</c> and <c>wait</c> print it: a failed run's last status with --json, then the error.</summary>
    /// <param name="ended">Told once the run has ended (not when the wait stopped before it did).</param>
    private static async Task<int> FollowRunAsync(CliSession session, string subscriptionId, Func<IProgress<IStrategyWaitProgress>, Task<SubscriptionStatus>> wait, Action? ended = null)
    {
        SubscriptionStatus ran;
        using (var progress = ProgressPrinter.Of<SubscriptionStatus>(session.Console, "run", StatusWords.Run))
        {
            try
            {
                ran = await wait(progress);
                ended?.Invoke();
            }
            catch (StrategyOperationFailedException failed) when (failed.LastStatus is SubscriptionStatus last)
            {
                ended?.Invoke();
                progress.Dispose();
                if (session.Json)
                {
                    CommandRunner.Print(session, last, string.Empty);
                }

                throw;
            }
        }

        CommandRunner.Print(session, ran, DescribeRun(subscriptionId, ran));
        return ran.Outcome == StrategyOutcome.Skipped ? ExitCodes.Skipped : ExitCodes.Success;
    }

    internal static string DescribeRun(string subscriptionId, SubscriptionStatus run)
    {
        var took = run.End is { } end && run.Start is { } start ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {(end - start).TotalSeconds:0.0} s") : string.Empty;
        var when = run.Start is { } started ? $" (started {started.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC{took})" : string.Empty;
        var contents = StatusWords.Contents(run).Select(c => Environment.NewLine + "  " + c);
        return $"Subscription {subscriptionId} run {StatusWords.Run(run)}{when}." + string.Concat(contents);
    }

    public static Command Schedules(CommandRunner runner)
    {
        var list = new Command("list", "List the schedules subscriptions can run on.");
        runner.SetAction(list, async (_, session, cancellationToken) =>
        {
            var listed = await session.Client<SchedulesClient>().ListSchedulesAsync(cancellationToken);
            var schedules = (listed.Schedules ?? []).Where(s => s is not null).ToList();

            // Every list command prints an array with --json.
            CommandRunner.Print(session, schedules, string.Join(Environment.NewLine, schedules.Select(s =>
                $"{s.Id}  {s.Name} ({StrategyEnums.ToWireName(s, "scheduleType", s.ScheduleType)}{(s.Event is { } waitsOn ? $" on event {waitsOn.EventId} '{waitsOn.Name}'" : string.Empty)}{(s.Expired == true ? ", expired" : string.Empty)})")));
            return ExitCodes.Success;
        });

        return new Command("schedules", "Work with schedules.") { list };
    }

    internal static string Describe(Subscription s) =>
        $"subscription {s.Id} '{s.Name}' on {string.Join(", ", (s.Schedules ?? []).Select(x => x.Name ?? x.Id))}"
        + (s.NextDelivery is { } next ? $", next {next:yyyy-MM-dd HH:mm} UTC" : string.Empty);

    /// <summary>
    /// The options that describe a data model refresh subscription. Create takes them whole; update
    /// applies only those given to the subscription as stored, and writes the rest back as it was.
    /// </summary>
    private sealed class RequestOptions
    {
        private readonly bool _forUpdate;
        private readonly Option<string?> _name;
        private readonly Option<string?> _dataModel = new("--data-model") { Description = "The data model to refresh (on the embedded emulator, its seed data model when omitted)." };
        private readonly Option<string[]> _schedules;
        private readonly Option<string[]> _tables;
        private readonly Option<string?> _policy;
        private readonly Option<string?> _filterAttribute = new("--filter-attribute") { Description = "Refresh only rows where this attribute's form matches (attribute id)." };
        private readonly Option<string?> _filterForm = new("--filter-form") { Description = "The attribute form id to compare." };
        private readonly Option<string?> _filterValue = new("--filter-value") { Description = "The value to compare the form with." };
        private readonly Option<string> _filterFunction = new("--filter-function") { Description = "The comparison. Default equals.", DefaultValueFactory = _ => "equals" };
        private readonly Option<bool> _noFilter = new("--no-filter") { Description = "Remove the refresh filters: refresh every row." };
        private readonly Option<bool> _sendNow = new("--send-now") { Description = "Also run the subscription once now." };

        public RequestOptions(bool forUpdate)
        {
            _forUpdate = forUpdate;
            _name = new("--name") { Description = forUpdate ? "A new name." : "The subscription's name.", Required = !forUpdate };
            _schedules = new("--schedule")
            {
                Description = (forUpdate ? "The schedules it runs on instead (see `strategy schedules list`)." : "A schedule id (see `strategy schedules list`).") + " Repeat for more.",
                Required = !forUpdate,
            };
            _tables = new("--table")
            {
                Description = forUpdate
                    ? "The tables it refreshes instead, by name or id, each with an optional policy: ytd_day=upsert. Repeat for more."
                    : "A table to refresh, by name or id, with an optional policy: ytd_day=upsert. Repeat for more. Default: all tables.",
            };
            _policy = new("--policy")
            {
                Description = (forUpdate ? "The refresh policy for every table it refreshes (or for each --table without one): " : "The refresh policy for tables without one: ")
                              + RefreshPolicies.Explained + (forUpdate ? "." : ". Default replace."),
            };
        }

        public void AddTo(Command command)
        {
            var options = _forUpdate
                ? new Option[] { _name, _schedules, _tables, _policy, _filterAttribute, _filterForm, _filterValue, _filterFunction, _noFilter }
                : new Option[] { _name, _dataModel, _schedules, _tables, _policy, _filterAttribute, _filterForm, _filterValue, _filterFunction, _sendNow };
            foreach (var option in options)
            {
                command.Options.Add(option);
            }
        }

        public async Task<SubscriptionRequest> BuildAsync(ParseResult parseResult, CliSession session, CancellationToken cancellationToken)
        {
            var dataModelId = session.Required(parseResult.GetValue(_dataModel), "--data-model", Seeds.DataModelId);
            var selection = TableArguments.Parse(parseResult.GetValue(_tables), parseResult.GetValue(_policy));
            var tables = (await selection.ResolveAsync(session.Client<DataModelsClient>(), dataModelId, cancellationToken)).Tables;
            return DataModelRefreshSubscription.Create(
                parseResult.GetValue(_name)!, dataModelId, tables, parseResult.GetValue(_schedules) ?? [], Filter(parseResult), parseResult.GetValue(_sendNow));
        }

        /// <summary>
        /// Applies the options given to <paramref name="stored"/> (from <c>ToRequest()</c>): everything
        /// else, policies, filters, delivery and what this client does not know, is written back as read.
        /// </summary>
        public Task<SubscriptionRequest> ApplyAsync(ParseResult parseResult, SubscriptionRequest stored, string subscriptionId, CliSession session, CancellationToken cancellationToken)
        {
            var name = parseResult.GetValue(_name);
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("--name must not be empty.");
            }

            var tables = parseResult.GetValue(_tables);
            var policy = parseResult.GetValue(_policy);
            var change = new RefreshSubscriptionChange
            {
                Name = name,
                ScheduleIds = parseResult.GetValue(_schedules),
                Tables = tables is { Length: > 0 } ? TableArguments.Parse(tables, policy) : null,
                Policy = policy is null ? null : TableArguments.Policy(policy),
                Filter = Filter(parseResult),
                RemoveFilter = parseResult.GetValue(_noFilter),
                ContentSettingNames = "--table, --policy and the filter options",
                RemoveFilterName = "--no-filter",
            };
            return change.ApplyAsync(stored, subscriptionId, session.Client<DataModelsClient>(), cancellationToken);
        }

        private RefreshFilter? Filter(ParseResult parseResult)
        {
            var (attribute, form, value) = (parseResult.GetValue(_filterAttribute), parseResult.GetValue(_filterForm), parseResult.GetValue(_filterValue));
            if (attribute is null && form is null && value is null)
            {
                return null;
            }

            return attribute is null || form is null || value is null
                ? throw new ArgumentException("A filter needs --filter-attribute, --filter-form and --filter-value together.")
                : DataModelRefreshSubscription.AttributeFormFilter(attribute, form, value, parseResult.GetValue(_filterFunction)!);
        }
    }
}
