using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary><c>strategy subscriptions run|status</c>, <c>strategy events list|trigger</c> and <c>strategy datamodels subscriptions</c>: output and exit codes.</summary>
public sealed class SubscriptionRunCommandTests : CliTest
{
    private async Task<string> CreateAsync(string name, string schedule = Seeds.AllTheTimeScheduleId)
    {
        var (exitCode, output, error) = await RunAsync("subscriptions", "create", "--name", name, "--data-model", Seeds.DataModelId, "--schedule", schedule, "--table", "ytd_day=upsert", "--json");
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
        return (string)JObject.Parse(output)["id"]!;
    }

    [Test]
    public async Task Run_runs_the_subscription_now_and_prints_how_that_run_ended()
    {
        var id = await CreateAsync("nightly");

        var (exitCode, output, error) = await RunAsync("subscriptions", "run", id);
        var (statusExit, status, _) = await RunAsync("subscriptions", "status", id, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.StartWith($"Subscription {id} run succeeded (started ").And.Contain(Environment.NewLine + "  _test api: ok"));
            Assert.That(error, Does.Contain("run: executing").And.Contain("run: succeeded"));
            Assert.That(statusExit, Is.EqualTo(ExitCodes.Success));
            Assert.That((int?)JObject.Parse(status)["stage"], Is.EqualTo(2), "--json prints the status as the server answered it");
        });
    }

    [Test]
    public async Task A_run_that_fails_exits_1_naming_the_content_and_why_and_json_still_prints_the_status()
    {
        var id = await CreateAsync("fails");
        Emulator.FailNextPublish();

        var (exitCode, output, error) = await RunAsync("subscriptions", "run", id, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.Contain($"subscription run of subscription {id} failed (state 2 = fail): _test api: -2147072194 The data model could not be refreshed"));
            Assert.That((int?)JObject.Parse(output)["state"], Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_skipped_run_exits_5()
    {
        var id = await CreateAsync("skips");
        Emulator.SkipNextSubscriptionRun();

        var (exitCode, output, _) = await RunAsync("subscriptions", "run", id);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Skipped));
            Assert.That(output, Does.Contain("run skipped (the server had nothing to do)"));
        });
    }

    [Test]
    public async Task A_run_past_the_time_limit_exits_2()
    {
        // A run that goes on far longer than the limit; every status call answers at once ("executing"), so the limit
        // is reached by waiting, however slow the machine (the calls before the wait take a fraction of it).
        await Emulator.DisposeAsync();
        Emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", PublishDuration = TimeSpan.FromHours(1) });
        var id = await CreateAsync("slow");

        var (exitCode, _, error) = await RunAsync("subscriptions", "run", id, "--timeout", "3");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Timeout), error);
            Assert.That(error, Does.Contain("Gave up waiting for subscription run of subscription " + id).And.Contain("(time limit 3 s); the last status was executing."));
        });
    }

    [Test]
    public async Task A_status_call_that_hangs_before_the_run_is_sent_exits_4_and_sends_nothing()
    {
        var id = await CreateAsync("hung");
        Emulator.Faults.Add(new Strategy.Emulator.Faults.FaultRule { PathContains = "/status", Delay = TimeSpan.FromSeconds(30), Count = 1 });

        var (exitCode, _, error) = await RunAsync("subscriptions", "run", id, "--timeout", "3");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable), error);
            Assert.That(error, Does.Contain($"did not answer SendSubscriptionAndWait for subscription {id} within 3 s: GetSubscriptionStatus (GET "));
            Assert.That(Emulator.RunningSubscriptionRunCount, Is.Zero, "nothing was sent");
        });
    }

    [Test]
    public async Task Status_says_never_ran_and_json_prints_null()
    {
        var id = await CreateAsync("never");

        var (exitCode, output, _) = await RunAsync("subscriptions", "status", id);
        var (_, json, _) = await RunAsync("subscriptions", "status", id, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output.Trim(), Is.EqualTo($"Subscription {id} never ran."));
            Assert.That(json.Trim(), Is.EqualTo("null"));
        });
    }

    [Test]
    public async Task Run_without_waiting_returns_once_sent()
    {
        var id = await CreateAsync("fire and forget");

        var (exitCode, output, _) = await RunAsync("subscriptions", "run", id, "--no-wait", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That((string?)JObject.Parse(output)["token"], Does.StartWith("sop1."));
            Assert.That((string?)JObject.Parse(output)["id"], Is.EqualTo(id));
            Assert.That(Emulator.RunningSubscriptionRunCount, Is.EqualTo(1), "the run goes on on the server");
        });
    }

    [Test]
    public async Task Events_are_listed_and_firing_one_prints_a_line_per_run_and_exits_1_when_one_failed()
    {
        var first = await CreateAsync("refresh on the event", Seeds.PersonalViewScheduleId);
        var second = await CreateAsync("another on the event", Seeds.PersonalViewScheduleId);
        await RunAsync("subscriptions", "run", first);
        Emulator.FailNextPublish();

        var (listExit, listed, _) = await RunAsync("events", "list");
        var (exitCode, output, error) = await RunAsync("events", "trigger", Seeds.PersonalViewEventId);

        Assert.Multiple(() =>
        {
            Assert.That(listExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(listed, Does.Contain($"{Seeds.PersonalViewEventId}  Personal View refresh"));
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), error);
            var lines = output.Trim().Split(Environment.NewLine);
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines, Has.One.StartsWith($"subscription {first} 'refresh on the event': fail (state 2)").Or.One.StartsWith($"subscription {second} 'another on the event': fail (state 2)"));
            Assert.That(lines, Has.One.EndsWith("': succeeded"));
            Assert.That(error, Does.Contain("1 of the 2 subscription runs that event " + Seeds.PersonalViewEventId + " started did not succeed"));
        });
    }

    [Test]
    public async Task Trigger_no_wait_prints_a_token_that_wait_resumes_with_a_line_per_run_and_trigger_exit_codes()
    {
        var first = await CreateAsync("refresh on the event", Seeds.PersonalViewScheduleId);
        var second = await CreateAsync("another on the event", Seeds.PersonalViewScheduleId);

        var (startExit, token, startError) = await RunAsync("events", "trigger", Seeds.PersonalViewEventId, "--no-wait");
        var (waitExit, output, waitError) = await RunAsync("wait", token.Trim());
        Emulator.FailNextPublish();
        var (_, json, _) = await RunAsync("events", "trigger", Seeds.PersonalViewEventId, "--no-wait", "--json");
        var (failedExit, failedOutput, failedError) = await RunAsync("wait", (string)JObject.Parse(json)["token"]!);

        Assert.Multiple(() =>
        {
            Assert.That(startExit, Is.EqualTo(ExitCodes.Success), startError);
            Assert.That(token.Trim(), Does.StartWith("sop2.").And.Not.Contain(Environment.NewLine), "an event's runs are the parts of its token");
            Assert.That(startError, Does.Contain("Started event " + Seeds.PersonalViewEventId));
            Assert.That(waitExit, Is.EqualTo(ExitCodes.Success), waitError);
            Assert.That(output.Trim().Split(Environment.NewLine), Is.EquivalentTo(new[] { $"subscription {first} 'refresh on the event': succeeded", $"subscription {second} 'another on the event': succeeded" }), "named as the trigger that waits names them");
            Assert.That(failedExit, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(failedOutput.Trim().Split(Environment.NewLine), Has.Length.EqualTo(2).And.One.Contains(": fail (state 2)"));
            Assert.That(failedError, Does.Contain("1 of the 2 subscription runs that event " + Seeds.PersonalViewEventId + " started did not succeed"));
            Assert.That(Emulator.SessionCount, Is.Zero, "each command's session is logged out");
        });
    }

    [Test]
    public async Task Firing_an_event_nothing_waits_on_says_so()
    {
        var (exitCode, output, _) = await RunAsync("events", "trigger", Seeds.NightlyLoadEventId);
        var (jsonExit, json, _) = await RunAsync("events", "trigger", Seeds.NightlyLoadEventId, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Does.Contain("no subscription waits on it"));
            Assert.That(jsonExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(JArray.Parse(json), Is.Empty);
        });
    }

    [Test]
    public async Task A_data_models_subscriptions_are_those_that_refresh_it()
    {
        var id = await CreateAsync("refreshes it");
        Emulator.SeedSubscription("""{"name":"A report","contents":[{"id":"0A1B2C3D4E5F60718293A4B5C6D7E8F9","type":"report"}],"delivery":{"mode":"EMAIL"}}""");

        var (exitCode, output, _) = await RunAsync("datamodels", "subscriptions", Seeds.DataModelId);
        var (_, none, _) = await RunAsync("datamodels", "subscriptions", "00000000000000000000000000000000");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output.Trim(), Does.StartWith($"subscription {id} 'refreshes it'").And.Not.Contain("A report"));
            Assert.That(none, Does.Contain("No subscription refreshes data model 00000000000000000000000000000000."));
        });
    }
}
