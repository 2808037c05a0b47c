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
}
