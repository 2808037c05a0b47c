using Newtonsoft.Json.Linq;
using Strategy.Cli;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

public sealed class CliTests : CliTest
{
    [Test]
    public async Task Demo_runs_every_workflow_on_the_embedded_emulator_when_no_server_is_given()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await StrategyCli.RunAsync(["demo", "--poll-interval", "0.05"], new CliConsole { Out = output, Error = error, GetEnvironmentVariable = _ => null }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error.ToString());
            Assert.That(error.ToString(), Does.StartWith("Using the embedded Strategy emulator at http://127.0.0.1:"));
            Assert.That(output.ToString(), Does.Contain("1. Reload the schema").And.Contain("2. Refresh a data model").And.Contain("3. Schedule a data model refresh"));
            Assert.That(output.ToString(), Does.EndWith("All workflows completed." + Environment.NewLine));
            Assert.That(output.ToString(), Does.Contain("6. Export a report and a dashboard").And.Contain("its prompt 'Minimum revenue' answered with 1000: ").And.Contain("as a PDF of "));
            Assert.That(output.ToString(), Does.Contain("4. Refresh Intelligent Cubes, two at once, and see their jobs"));
            Assert.That(System.Text.RegularExpressions.Regex.Matches(output.ToString(), @"   cube \w+ published \(job (\d+):\S+ .*; its cache was last updated by job \1\n").Count, Is.EqualTo(2), "two cubes, each updated by its own job");
            Assert.That(output.ToString(), Does.Contain("   The monitor shows 2 job(s) until they leave it:").And.Contain("  completed  Sales cube  "));
            Assert.That(output.ToString(), Does.Contain("5. Start now, wait later").And.Contain("its resume token (no secret in it): sop1."));
            Assert.That(output.ToString(), Does.Contain("   Resumed from the token, as `strategy wait <token>` does in any later process: the cube publish job ").And.Contain(" succeeded."));
            Assert.That(error.ToString(), Does.Contain("schema reload: completed").And.Contain("publish: queued or running").And.Contain("publish: every table loaded; tables: 2 loaded"));
            Assert.That(output.ToString(), Does.Contain("   Ran it now: succeeded; _test api: ok"));
            Assert.That(output.ToString(), Does.Contain("   Fired event 'Personal View refresh', which schedule 'Personal View' waits on: subscription ").And.Contain("'Updated Subscription': succeeded"));
        });
    }

    [Test]
    public async Task Demo_against_a_server_with_yes_runs_leaves_nothing_behind_and_fires_no_event()
    {
        var (exitCode, output, error) = await RunAsync("demo", "--data-model", Seeds.DataModelId, "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.Contain("   Ran it now: succeeded; _test api: ok"));
            Assert.That(output, Does.Contain("   Not firing event 'Personal View refresh' against a server: it runs every subscription that waits on it"));
            Assert.That(output, Does.Contain("   Not exporting against a server"));
            Assert.That(output, Does.Contain("   Not publishing cubes against a server").And.Contain("   Not starting work against a server"));
            Assert.That(Emulator.CubePublishCount, Is.Zero, "no cube of a real server is published by the demo");
            Assert.That(Emulator.SubscriptionCount, Is.Zero, "the demo's subscription is deleted");
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
            Assert.That(Emulator.RunningSubscriptionRunCount, Is.Zero);
        });
    }

    [Test]
    public async Task Operations_lists_the_catalog_by_client_with_the_http_call_and_the_server_version()
    {
        var (exitCode, output, error) = await RunAsync("operations");
        var (jsonExit, json, _) = await RunAsync("operations", "--json");
        var entries = Newtonsoft.Json.Linq.JArray.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output, Does.Contain("DataModelsClient" + Environment.NewLine));
            Assert.That(output, Does.Contain("  CreateDataModelInstanceAsync(dataModelId, showInvalidCacheTableIds?)  POST /api/dataModels/{dataModelId}/instances  (server 11.5.0800 and later)"));
            Assert.That(output, Does.Contain("  TriggerEventAsync(eventId)  POST /api/events/{eventId}/trigger"));
            Assert.That(jsonExit, Is.Zero);
            Assert.That(entries, Has.Count.EqualTo(Generated.StrategyOperations.All.Count));
            Assert.That(entries.Select(e => (string?)e["operationId"]), Does.Contain("SendSubscription"));
        });
    }

    [Test]
    public async Task Subscriptions_list_and_get_read_a_subscription_another_client_left()
    {
        var foreign = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Foreign", "GetSubscription.expression-filter.json"));
        var id = Emulator.SeedSubscription(foreign);
        var withoutSchedules = Emulator.SeedSubscription("""{"name":"Left by an old tool","contents":[{"id":"0A1B2C3D4E5F60718293A4B5C6D7E8F9","type":"report"}],"delivery":{"mode":"TEAMS"}}""");

        var (listExit, listed, listError) = await RunAsync("subscriptions", "list");
        var (getExit, fetched, getError) = await RunAsync("subscriptions", "get", id, "--json");
        var (jsonExit, _, jsonError) = await RunAsync("subscriptions", "list", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(listExit, Is.EqualTo(ExitCodes.Success), listError);
            Assert.That(listed, Does.Contain($"subscription {id} 'Nightly refresh (made by mstrio-py)' on All the Time"));
            Assert.That(listed, Does.Contain($"subscription {withoutSchedules} 'Left by an old tool'"));
            Assert.That(getExit, Is.EqualTo(ExitCodes.Success), getError);
            Assert.That(jsonExit, Is.EqualTo(ExitCodes.Success), jsonError);
            var json = JObject.Parse(fetched);
            Assert.That((string?)json["contents"]![0]!["refreshCondition"]!["filters"]![0]!["expression"]!["operator"], Is.EqualTo("In"));
            Assert.That((string?)json["contents"]![0]!["refreshCondition"]!["tables"]![1]!["refreshPolicy"], Is.EqualTo("merge_on_key"));
            Assert.That(json["lastRun"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Publishing_on_a_server_older_than_the_data_model_endpoints_says_so()
    {
        await using var older = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { ServerVersion = "11.4.1200.0045" });
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole { Out = output, Error = error, GetEnvironmentVariable = name => name == "STRATEGY_PASSWORD" ? string.Empty : null };

        var exitCode = await StrategyCli.RunAsync(["datamodels", "publish", Seeds.DataModelId, "--table", Seeds.YtdDayTableId, "--base-url", older.BaseUrl.ToString(), "--project", Seeds.ProjectId], console, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error.ToString(), Does.Contain("CreateDataModelInstance is not supported by this server (version 11.4.1200.0045)"));
        });
    }

    [Test]
    public async Task Against_a_real_server_the_project_and_data_model_have_no_seed_defaults()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole { Out = output, Error = error, GetEnvironmentVariable = _ => null };

        var noProject = await StrategyCli.RunAsync(["subscriptions", "list", "--base-url", Emulator.BaseUrl.ToString()], console, CancellationToken.None);
        var (noDataModel, _, dataModelError) = await RunAsync("subscriptions", "create", "--name", "x", "--schedule", Seeds.AllTheTimeScheduleId);

        Assert.Multiple(() =>
        {
            Assert.That(noProject, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error.ToString(), Does.Contain("--project (or STRATEGY_PROJECT_ID) is required with --base-url"));
            Assert.That(noDataModel, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(dataModelError, Does.Contain("--data-model is required with --base-url"));
            Assert.That(Emulator.SessionCount, Is.Zero, "nothing was sent for the missing project");
        });
    }

    [Test]
    public async Task Trace_prints_the_span_tree_of_the_run_to_stderr()
    {
        var (exitCode, output, error) = await RunAsync("datamodels", "publish", Seeds.DataModelId, "--table", "ytd_day", "--trace");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(error, Does.Contain("Trace ("));
            Assert.That(error, Does.Match(@"\n  PublishAndWait  \d+ ms  succeeded"));
            Assert.That(error, Does.Match(@"\n    POST api/dataModels/\{dataModelId\}/instances  \d+ ms  204"));
            Assert.That(error, Does.Match(@"\n    AwaitPublish  \d+ ms  succeeded, \d+ polls"));
            Assert.That(error, Does.Match(@"\n      GET api/dataModels/\{dataModelId\}/publishStatus  \d+ ms  200"));
            Assert.That(error, Does.Match(@"\n    DELETE api/dataModels/\{dataModelId\}/instances/\{instanceId\}  \d+ ms  204"));
            Assert.That(output, Does.Not.Contain("Trace ("), "the trace goes to stderr");
        });
    }

    [Test]
    public async Task Publishing_tables_by_name_with_policies_succeeds()
    {
        var (exitCode, output, error) = await RunAsync("datamodels", "publish", Seeds.DataModelId, "--table", "ytd_day=upsert", "--table", "city_mnth_sls");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.Contain($"{Seeds.YtdDayTableId} loaded").And.Contain($"{Seeds.CityMonthSalesTableId} loaded"));
            Assert.That(error, Does.Contain("Publishing ytd_day (upsert), city_mnth_sls (replace)"));
        });
    }

    [Test]
    public async Task An_unknown_table_name_is_bad_input_that_lists_the_tables()
    {
        var (exitCode, _, error) = await RunAsync("datamodels", "publish", Seeds.DataModelId, "--table", "sales");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("no table named 'sales'").And.Contain("ytd_day"));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero, "nothing was created");
        });
    }

    [Test]
    public async Task An_unknown_policy_is_bad_input()
    {
        var (exitCode, _, error) = await RunAsync("datamodels", "publish", Seeds.DataModelId, "--policy", "sometimes");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("'sometimes' is not a refresh policy; use replace (load every row again)").And.Not.Contain("(Parameter"));
        });
    }

    [Test]
    public async Task A_usage_error_is_bad_input()
    {
        var (exitCode, _, error) = await RunAsync("datamodels", "frobnicate");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("error:").And.Contain("--help"));
        });
    }

    [Test]
    public async Task An_unknown_project_prints_the_server_code_and_message_without_a_stack_trace()
    {
        var (exitCode, _, error) = await RunAsync("datamodels", "tables", Seeds.DataModelId, "--project", "00000000000000000000000000000000");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.Contain("failed with HTTP 404: ERR004 Project 00000000000000000000000000000000 was not found"));
            Assert.That(error, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task A_publish_the_server_fails_is_a_server_failure()
    {
        Emulator.FailNextPublish();

        var (exitCode, _, error) = await RunAsync("datamodels", "publish", Seeds.DataModelId);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.Contain("failed").And.Contain("injected fault"));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task A_wait_that_runs_out_is_a_timeout()
    {
        await using var slow = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { TaskDuration = TimeSpan.FromMinutes(5) });
        var console = new CliConsole { Out = new StringWriter(), Error = new StringWriter(), GetEnvironmentVariable = name => name == "STRATEGY_PASSWORD" ? string.Empty : null };

        var exitCode = await StrategyCli.RunAsync(
            ["schema", "reload", "--base-url", slow.BaseUrl.ToString(), "--project", Seeds.ProjectId, "--timeout", "3", "--poll-interval", "0.02"], console, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Timeout));
            Assert.That(console.Error.ToString(), Does.Contain("Gave up waiting for task"));
        });
    }

    [Test]
    public async Task Subscriptions_round_trip_with_json_output()
    {
        var (createExit, created, createError) = await RunAsync("subscriptions", "create", "--json", "--name", "Nightly", "--data-model", Seeds.DataModelId,
            "--schedule", Seeds.AllTheTimeScheduleId, "--table", "sales_sample=upsert",
            "--filter-attribute", Seeds.AttributeId, "--filter-form", Seeds.AttributeFormId, "--filter-value", "jan");
        Assert.That(createExit, Is.EqualTo(ExitCodes.Success), createError);
        var id = (string)JObject.Parse(created)["id"]!;

        var (getExit, fetched, _) = await RunAsync("subscriptions", "get", id, "--json");
        var (updateExit, updated, _) = await RunAsync("subscriptions", "update", id, "--name", "Hourly", "--schedule", Seeds.PersonalViewScheduleId, "--json");
        var (listExit, listed, _) = await RunAsync("subscriptions", "list", "--json");
        var (deleteExit, _, _) = await RunAsync("subscriptions", "delete", id);
        var (getAgainExit, _, getAgainError) = await RunAsync("subscriptions", "get", id);

        var filter = JObject.Parse(fetched)["contents"]![0]!["refreshCondition"]!["filters"]![0]!["qualification"]!["tree"]!["predicateTree"]!;
        Assert.Multiple(() =>
        {
            Assert.That(new[] { getExit, updateExit, listExit, deleteExit }, Has.All.EqualTo(ExitCodes.Success));
            Assert.That((string?)filter["parameters"]![0]!["constant"]!["value"], Is.EqualTo("jan"));
            var changed = JObject.Parse(updated);
            Assert.That(((string?)changed["name"], (string?)changed["schedules"]![0]!["id"]), Is.EqualTo(("Hourly", Seeds.PersonalViewScheduleId)));
            Assert.That(changed["contents"]![0]!["refreshCondition"]!["filters"], Is.Not.Null, "what the update did not name is kept");
            Assert.That(JArray.Parse(listed).Select(s => (string?)s["id"]), Is.EqualTo(new[] { id }));
            Assert.That(getAgainExit, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(getAgainError, Does.Contain("ERR004"));
        });
    }

    [Test]
    public async Task A_half_given_filter_is_bad_input()
    {
        var (exitCode, _, error) = await RunAsync("subscriptions", "create", "--name", "x", "--data-model", Seeds.DataModelId, "--schedule", Seeds.AllTheTimeScheduleId, "--filter-value", "jan");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("--filter-attribute, --filter-form and --filter-value together"));
        });
    }

    [Test]
    public async Task Reload_without_waiting_prints_the_tasks_resume_token()
    {
        var (exitCode, output, error) = await RunAsync("schema", "reload", "--no-wait", "--json", "--update-types", "table_key", "logical_size");

        var started = JObject.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That((string?)started["token"], Does.StartWith("sop1."));
            Assert.That((string?)started["kind"], Is.EqualTo("ReloadSchema"));
            Assert.That(error, Does.Contain("strategy wait <token>"));
            Assert.That(Emulator.SessionCount, Is.Zero, "its own session is logged out");
        });
    }

    [Test]
    public async Task A_wrong_password_fails_without_showing_it()
    {
        var (exitCode, output, error) = await RunWithPasswordAsync("wrong-secret-password", "schedules", "list");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.Contain("ERR003"));
            Assert.That(output + error, Does.Not.Contain("wrong-secret-password"));
        });
    }
}
