using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>
/// <c>strategy subscriptions run</c> and <c>strategy events trigger</c> as a scheduler calls them:
/// a child process against an emulator on a real port, no terminal, the exit code and stdout read.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed class ProcessTests
{
    private StrategyEmulator _emulator = null!;

    [SetUp]
    public async Task StartEmulator() => _emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions
    {
        PathBase = "/MicroStrategyLibrary",
        PublishDuration = TimeSpan.FromMilliseconds(300),
    });

    [TearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    private async Task<string> CreateAsync(string name, string scheduleId)
    {
        await using var connection = Generated.StrategyConnection.Create(_emulator.BaseUrl, Generated.StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        var created = await connection.CreateClient<Generated.SubscriptionsClient>().CreateSubscriptionAsync(Generated.DataModelRefreshSubscription.Create(
            name, Seeds.DataModelId, [new Generated.TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = Generated.RefreshPolicy.Upsert }], [scheduleId]));
        return created.Id;
    }

    [Test]
    public async Task A_run_prints_its_status_as_json_and_exits_0_then_a_failing_one_exits_1()
    {
        var id = await CreateAsync("cron refresh", Seeds.AllTheTimeScheduleId);

        using (var ok = CliProcess.Start(_emulator, "subscriptions", "run", id, "--json"))
        {
            var exitCode = await ok.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), ok.Error);
                Assert.That((int?)JObject.Parse(ok.Output)["state"], Is.EqualTo(1));
            });
        }

        _emulator.FailNextPublish();
        using var failing = CliProcess.Start(_emulator, "subscriptions", "run", id, "--json");
        var failed = await failing.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.EqualTo(ExitCodes.ServerFailure), failing.Error);
            Assert.That((int?)JObject.Parse(failing.Output)["state"], Is.EqualTo(2), "the failed run's status is still printed");
            Assert.That(failing.Error, Does.Contain("failed (state 2 = fail): _test api:"));
            Assert.That(_emulator.SessionCount, Is.Zero, "each run logged out");
        });
    }

    [Test]
    public async Task A_cube_refresh_prints_each_outcome_as_json_and_exits_0_then_one_with_a_failed_cube_exits_1()
    {
        using (var ok = CliProcess.Start(_emulator, "cubes", "refresh", Seeds.SalesCubeId, Seeds.InventoryCubeId, "--json"))
        {
            var exitCode = await ok.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), ok.Error);
                Assert.That(JArray.Parse(ok.Output).Select(o => (bool?)o["succeeded"]), Is.EqualTo(new bool?[] { true, true }));
            });
        }

        _emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");
        using var failing = CliProcess.Start(_emulator, "cubes", "refresh", Seeds.SalesCubeId, "--json");
        var failed = await failing.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.EqualTo(ExitCodes.ServerFailure), failing.Error);
            Assert.That((string?)JArray.Parse(failing.Output).Single()["error"], Does.Contain("SALES_FACT"), "the failed cube's outcome is still printed");
            Assert.That(failing.Error, Does.Contain("1 of 1 cube publishes failed"));
            Assert.That(_emulator.SessionCount, Is.Zero, "each command logged out");
            Assert.That(_emulator.RunningJobCount, Is.Zero);
        });
    }

    [Test]
    public async Task Firing_an_event_exits_1_when_one_of_its_runs_failed_and_prints_each_outcome()
    {
        var first = await CreateAsync("first on the event", Seeds.PersonalViewScheduleId);
        var second = await CreateAsync("second on the event", Seeds.PersonalViewScheduleId);
        _emulator.FailNextPublish();

        using var cli = CliProcess.Start(_emulator, "events", "trigger", Seeds.PersonalViewEventId, "--json");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var runs = JArray.Parse(cli.Output);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), cli.Error);
            Assert.That(runs.Select(r => (string?)r["subscriptionId"]), Is.EquivalentTo(new[] { first, second }));
            Assert.That(runs.Select(r => (string?)r["outcome"]), Is.EquivalentTo(new[] { "failed", "succeeded" }));
            Assert.That(_emulator.RunningSubscriptionRunCount, Is.Zero, "every run it started had ended");
        });
    }

    [TestCase(null, TestName = "A scheduled publish without STRATEGY_BASE_URL exits 3 and publishes nowhere")]
    [TestCase("", TestName = "A scheduled publish with an empty STRATEGY_BASE_URL exits 3 and publishes nowhere")]
    public async Task A_scheduled_command_without_a_server_fails_and_publishes_nowhere(string? baseUrl)
    {
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_BASE_URL"] = baseUrl, ["STRATEGY_PASSWORD"] = string.Empty, ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId },
            "datamodels", "publish", Seeds.DataModelId, "--policy", "replace", "--json");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(cli.Output.Trim(), Is.Empty);
            Assert.That(cli.Error, Does.Contain("give --base-url (or set STRATEGY_BASE_URL), or --emulator"));
        });
    }

    [Test]
    public async Task Without_a_password_variable_or_a_terminal_nothing_logs_in()
    {
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_BASE_URL"] = _emulator.BaseUrl.ToString(), ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId },
            "schedules", "list");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), cli.Error);
            Assert.That(cli.Error, Does.Contain("STRATEGY_PASSWORD is not set and there is no terminal"));
            Assert.That(_emulator.SessionCount, Is.Zero);
        });
    }

    [Test]
    public async Task Demo_with_a_server_in_the_environment_changes_nothing_without_yes()
    {
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_BASE_URL"] = _emulator.BaseUrl.ToString(), ["STRATEGY_PASSWORD"] = string.Empty, ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId },
            "demo");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(cli.Error, Does.Contain("demo changes the server it runs against"));
            Assert.That(_emulator.SessionCount + _emulator.SubscriptionCount + _emulator.OpenInstanceCount, Is.Zero, "nothing was sent");
        });
    }

    [Test]
    public async Task Update_from_a_script_keeps_what_it_was_not_told_to_change()
    {
        var id = await CreateAsync("scripted", Seeds.AllTheTimeScheduleId);
        using (var policy = CliProcess.Start(_emulator, "subscriptions", "update", id, "--policy", "upsert"))
        {
            Assert.That(await policy.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(ExitCodes.Success), policy.Error);
        }

        using var rename = CliProcess.Start(_emulator, "subscriptions", "update", id, "--name", "renamed by cron", "--json");
        var exitCode = await rename.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var updated = JObject.Parse(rename.Output);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), rename.Error);
            Assert.That((string?)updated["name"], Is.EqualTo("renamed by cron"));
            Assert.That((string?)updated["contents"]![0]!["refreshCondition"]!["tables"]![0]!["refreshPolicy"], Is.EqualTo("upsert"), "the policy set before survives the rename");
        });
    }
}
