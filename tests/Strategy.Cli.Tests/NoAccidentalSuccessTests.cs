using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Emulator.Reports;

namespace Strategy.Cli.Tests;

/// <summary>
/// A command a scheduler runs never succeeds by accident: a cancelled publish resumed later is not a
/// success, a mistyped option is never taken as an id, and a server that stops answering is exit 4
/// whatever the work, while work still going at the limit is exit 2. Each as a child process, as a
/// scheduler runs it.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed class NoAccidentalSuccessTests
{
    private StrategyEmulator _emulator = null!;

    [SetUp]
    public async Task StartEmulator() => _emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions
    {
        PathBase = "/MicroStrategyLibrary",

        // Long enough to cancel a publish while it runs; a cancelled job leaves the monitor at once.
        PublishDuration = TimeSpan.FromSeconds(20),
        JobLinger = TimeSpan.FromMilliseconds(50),
    });

    [TearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    [Test]
    public async Task A_publish_cancelled_then_resumed_after_its_job_left_the_monitor_exits_1_not_0()
    {
        var (startExit, started, startError) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--no-wait", "--json");
        Assert.That(startExit, Is.EqualTo(ExitCodes.Success), startError);
        var token = (string)JObject.Parse(started)["token"]!;
        var jobId = (string)JObject.Parse(started)["id"]!;

        var (cancelExit, _, cancelError) = await RunAsync("jobs", "cancel", jobId);
        Assert.That(cancelExit, Is.EqualTo(ExitCodes.Success), cancelError);
        await WaitUntilJobLeftTheMonitorAsync(jobId);

        var (exitCode, output, error) = await RunAsync("wait", token);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), error);
            Assert.That(output, Does.Not.Contain("succeeded"));
            Assert.That(error, Does.Contain(Seeds.SalesCubeId).And.Contain("did not update it"), error);
            Assert.That(_emulator.CancelledJobCount, Is.EqualTo(1));
        });
    }

    [TestCase("cubes refresh {cube} --nowait", "'--nowait' is not an option of 'strategy cubes refresh'; did you mean '--no-wait'?")]
    [TestCase("cubes refresh {cube} --paralel 4", "'--paralel' is not an option of 'strategy cubes refresh'; did you mean '--parallel'?")]
    [TestCase("jobs cancel --all", "'--all' is not an option of 'strategy jobs cancel'.")]
    [TestCase("cubes status {cube} --jsn", "'--jsn' is not an option of 'strategy cubes status'; did you mean '--json'?")]
    [TestCase("cubes refesh {cube}", "'refesh' is not a command of 'strategy cubes'; did you mean 'refresh'?")]
    public async Task A_mistyped_option_or_command_exits_3_says_what_it_may_mean_and_sends_nothing(string line, string expected)
    {
        var cache = Directory.CreateTempSubdirectory("strategy-mistake-").FullName;
        try
        {
            var args = line.Replace("{cube}", Seeds.SalesCubeId, StringComparison.Ordinal).Split(' ');
            using var cli = CliProcess.StartWith(
                new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = string.Empty, ["XDG_CACHE_HOME"] = cache },
                [.. args, "--base-url", _emulator.BaseUrl.ToString(), "--project", Seeds.ProjectId]);
            var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), cli.Error);
                Assert.That(cli.Error, Does.Contain("error: " + expected));
                Assert.That(cli.Error, Does.Not.Contain("Required command was not provided"));
                Assert.That(_emulator.RequestCount("POST", "/api/auth/login"), Is.Zero, "nothing was sent, not even a login");
                Assert.That(_emulator.CubePublishCount, Is.Zero);
                Assert.That(Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Has.None.Contains("refesh"), "no startup profile for a command that does not exist");
            });
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Test]
    public async Task An_id_after_double_dash_is_taken_as_written()
    {
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = string.Empty },
            "jobs", "cancel", "--base-url", _emulator.BaseUrl.ToString(), "--project", Seeds.ProjectId, "--", "-1:RU5W");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure), cli.Error);
            Assert.That(_emulator.RequestCount("POST", "cancelJobs"), Is.EqualTo(1), "the id was sent, as the user asked with --");
        });
    }

    [Test]
    public async Task A_status_call_that_never_answers_during_a_resumed_publish_exits_4_naming_it()
    {
        var (_, token, _) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--no-wait");
        _emulator.Faults.Add(new FaultRule { PathContains = "/monitors/jobs/", Method = "GET", Delay = TimeSpan.FromMinutes(5), Count = 100 });

        var (exitCode, _, error) = await RunAsync("wait", token.Trim(), "--timeout", "2");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable), error);
            Assert.That(error, Does.Contain("did not answer GetJob").And.Contain("no answer came"));
        });
    }

    [Test]
    public async Task A_job_list_that_never_answers_during_a_refresh_exits_4()
    {
        _emulator.Faults.Add(new FaultRule { PathContains = "/monitors/jobs", Method = "GET", Delay = TimeSpan.FromMinutes(5), Count = 100 });

        var (exitCode, _, error) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--timeout", "2");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable), error);
            Assert.That(error, Does.Contain("no answer"));
            Assert.That(_emulator.RunningJobCount, Is.Zero, "the job was cancelled on the way out");
        });
    }

    [Test]
    public async Task A_dashboard_export_whose_answer_never_comes_exits_4()
    {
        _emulator.HangNextExport();
        var target = Path.Combine(Path.GetTempPath(), "strategy-hung-" + Guid.NewGuid().ToString("N") + ".pdf");

        var (exitCode, _, error) = await RunAsync("dashboards", "export", ReportSeeds.DashboardId, "--format", "pdf", "-o", target, "--timeout", "2");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable), error);
            Assert.That(error, Does.Contain("got no answer"));
            Assert.That(File.Exists(target), Is.False);
        });
    }

    private async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var cli = CliProcess.Start(_emulator, args);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, cli.Output, cli.Error);
    }

    private async Task WaitUntilJobLeftTheMonitorAsync(string jobId)
    {
        await using var connection = Generated.StrategyConnection.Create(_emulator.BaseUrl, Generated.StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        var jobs = connection.CreateClient<Generated.JobsClient>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await jobs.GetJobAsync(jobId, cancellationToken: limit.Token);
            }
            catch (Generated.StrategyApiException ex) when (ex.StatusCode == 404)
            {
                return;
            }

            await Task.Delay(20, limit.Token);
        }
    }

    [Test]
    public async Task An_address_with_credentials_in_it_is_refused_without_repeating_them()
    {
        var withCredentials = new UriBuilder(_emulator.BaseUrl) { UserName = "alice", Password = "s3cret-pw" }.Uri.ToString();
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = string.Empty },
            "subscriptions", "list", "--base-url", withCredentials, "--project", Seeds.ProjectId);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), cli.Error);
            Assert.That(cli.Error, Does.Contain("carries a user name or password"));
            Assert.That(cli.Error + cli.Output, Does.Not.Contain("s3cret-pw").And.Not.Contain("alice"));
            Assert.That(_emulator.RequestCount("POST", "/api/auth/login"), Is.Zero, "nothing was sent");
        });
    }

    [Test]
    public async Task A_subscription_run_that_cannot_be_waited_for_exits_3_and_sends_nothing()
    {
        var id = _emulator.SeedSubscription("""
            {"id":"AAAABBBBCCCCDDDDEEEEFFFF00001111","name":"shared link","contents":[{"id":"9F4772B837604551B4D3CC916ADC5598","type":"data_model"}],
             "schedules":[{"id":"FF7BB3C811D501F0C00051916B98494F"}],"delivery":{"mode":"SHARED_LINK"}}
            """);
        using var cli = CliProcess.StartWith(
            new Dictionary<string, string?> { ["STRATEGY_PASSWORD"] = string.Empty },
            "subscriptions", "run", id, "--base-url", _emulator.BaseUrl.ToString(), "--project", Seeds.ProjectId);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), "not 1: no run failed, none was started");
            Assert.That(cli.Error, Does.Contain("delivery mode is SHARED_LINK").And.Contain("Nothing was started"));
            Assert.That(_emulator.RequestCount("POST", "/send"), Is.Zero);
            Assert.That(_emulator.SessionCount, Is.Zero, "logged out");
        });
    }
}
