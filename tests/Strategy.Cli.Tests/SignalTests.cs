using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Tests.Shared;

namespace Strategy.Cli.Tests;

/// <summary>
/// The <c>strategy</c> command as its own process, sent real POSIX signals mid-publish, against
/// an emulator listening on a real port. What is checked is what a user or a CI runner sees: the
/// exit code, the messages, and what the server still holds afterwards.
/// </summary>
[NonParallelizable]
[Platform("Linux", Reason = "A signal reaches the command through GNU env --default-signal (see CliProcess).")]
public sealed class SignalTests
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;


    [TestCase(SIGINT, ExitCodes.Cancelled, "SIGINT (Ctrl+C) mid-publish")]
    [TestCase(SIGTERM, ExitCodes.Terminated, "SIGTERM mid-publish")]
    public async Task A_signal_mid_publish_deletes_the_instance_logs_out_and_exits_with_the_signal_code(int signal, int expectedExitCode, string fault)
    {
        await using var emulator = await StartEmulatorAsync();
        using var cli = CliProcess.Start(emulator, "datamodels", "publish", Seeds.DataModelId, "--table", "ytd_day=upsert");
        await cli.WaitForErrorAsync("publish: ");
        Assert.That(emulator.OpenInstanceCount, Is.EqualTo(1), "the publish is under way");

        cli.Signal(signal);
        var clock = Stopwatch.StartNew();
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        var row = Row(fault, exitCode, cli, emulator, emulator.OpenInstanceCount, $"exited {clock.Elapsed.TotalMilliseconds:0} ms after the signal");
        FaultMatrixReport.WriteAfter(row, typeof(SignalTests).Assembly, () =>
        {
            Assert.That(exitCode, Is.EqualTo(expectedExitCode), cli.Error);
            Assert.That(row.TypedFailures, Is.EqualTo(1), "reported as the cancellation it is");
            Assert.That(cli.Error, Does.Contain("Cancelling: deleting instance ").And.Contain("Cancelling: deleted instance "));
            Assert.That(cli.Error, Does.Contain("Cancelled; deleted instance ").And.Contain(": nothing is held on the server."));
            Assert.That(row.LeakedInstances, Is.Zero, "the instance is deleted");
            Assert.That(row.LeakedSessions, Is.Zero, "the session is logged out");
            Assert.That(row.SecretsInLogs, Is.Zero, "no token or cookie on stdout or stderr");
        });
    }

    [Test]
    public async Task SIGINT_during_a_subscription_run_stops_waiting_logs_out_and_says_the_run_goes_on()
    {
        await using var emulator = await StartEmulatorAsync();
        string subscriptionId;
        await using (var connection = Generated.StrategyConnection.Create(emulator.BaseUrl, Generated.StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId))
        {
            var created = await connection.CreateClient<Generated.SubscriptionsClient>().CreateSubscriptionAsync(Generated.DataModelRefreshSubscription.Create(
                "long refresh", Seeds.DataModelId, [new Generated.TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = Generated.RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]));
            subscriptionId = created.Id;
        }

        using var cli = CliProcess.Start(emulator, "subscriptions", "run", subscriptionId);
        await cli.WaitForErrorAsync("run: executing");

        cli.Signal(SIGINT);
        var clock = Stopwatch.StartNew();
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        var row = Row("SIGINT (Ctrl+C) during subscriptions run", exitCode, cli, emulator, emulator.OpenInstanceCount, $"exited {clock.Elapsed.TotalMilliseconds:0} ms after the signal");
        FaultMatrixReport.WriteAfter(row, typeof(SignalTests).Assembly, () =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(row.TypedFailures, Is.EqualTo(1), "reported as the cancellation it is");
            Assert.That(row.SecretsInLogs, Is.Zero, "no token or cookie on stdout or stderr");
            Assert.That(cli.Error, Does.Contain("the work it started goes on there:").And.Contain($"  the run of subscription {subscriptionId} goes on on the server"));
            Assert.That(cli.Error, Does.Not.Contain("nothing is held"), "the run goes on: the message does not say otherwise first");
            Assert.That(emulator.SessionCount, Is.Zero, "the session is logged out");
            Assert.That(emulator.OpenInstanceCount, Is.Zero, "a run holds no instance of ours");
            Assert.That(emulator.RunningSubscriptionRunCount, Is.EqualTo(1), "what the message says is true: the run goes on");
        });
    }

    [Test]
    public async Task A_second_SIGINT_during_clean_up_exits_at_once_and_names_the_instance_left_behind()
    {
        await using var emulator = await StartEmulatorAsync();
        var deleteHeld = new FaultRule { Method = "DELETE", Delay = TimeSpan.FromMinutes(1) };
        emulator.Faults.Add(deleteHeld);
        using var cli = CliProcess.Start(emulator, "datamodels", "publish", Seeds.DataModelId, "--table", "ytd_day=upsert");
        await cli.WaitForErrorAsync("publish: ");

        cli.Signal(SIGINT);
        await cli.WaitForErrorAsync("Cancelling: deleting instance ");
        cli.Signal(SIGINT);

        // The delete is held for a minute: exiting within the guard's 30 s, with the instance still open,
        // is what shows the command did not wait for it.
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var instanceId = cli.Error.Split("Cancelling: deleting instance ")[1][..32];
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(emulator.Faults.FiredFor(deleteHeld), Is.EqualTo(1), "the delete was sent, and held");
            Assert.That(cli.Error, Does.Contain($"Left on the server: instance {instanceId}"));
            Assert.That(emulator.OpenInstanceCount, Is.EqualTo(1), "what the message says is true");
        });
    }

    [Test]
    public async Task SIGINT_during_a_schema_reload_says_the_reload_task_goes_on()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", TaskDuration = TimeSpan.FromMinutes(5) });
        using var cli = CliProcess.Start(emulator, "schema", "reload");
        await cli.WaitForErrorAsync("schema reload: ");

        cli.Signal(SIGINT);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(cli.Error, Does.Contain("  the schema reload task ").And.Contain(" goes on on the server (the API has no call that stops it)."));
            Assert.That(emulator.SessionCount, Is.Zero, "the session is logged out");
        });
    }

    [Test]
    public async Task A_server_killed_mid_publish_exits_4_naming_the_server_and_the_clean_up_it_could_not_do()
    {
        var emulator = await StartEmulatorAsync();
        using var cli = CliProcess.Start(emulator, "datamodels", "publish", Seeds.DataModelId, "--table", "ytd_day=upsert");
        await cli.WaitForErrorAsync("publish: ");

        await emulator.DisposeAsync();

        // A refused connection is answered at once: the guard is only against a command that never ends.
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable), cli.Error);
            Assert.That(cli.Error, Does.Contain($"The server at {emulator.BaseUrl.GetLeftPart(UriPartial.Authority)} could not be reached"));
            Assert.That(cli.Error, Does.Contain("Could not delete instance "), "the failed clean-up is reported, not hidden");
        });
    }

    [Test]
    public async Task SIGINT_during_a_cube_refresh_cancels_its_jobs_on_the_server_logs_out_and_exits_130()
    {
        await using var emulator = await StartEmulatorAsync();
        using var cli = CliProcess.Start(emulator, "cubes", "refresh", Seeds.SalesCubeId, Seeds.InventoryCubeId);
        await cli.WaitForErrorAsync("Publishing 2 cube(s)");
        await WaitForRunningJobsAsync(emulator, 2, "both publishes are under way");

        cli.Signal(SIGINT);
        var clock = Stopwatch.StartNew();
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        var row = Row("SIGINT (Ctrl+C) during cubes refresh", exitCode, cli, emulator, emulator.RunningJobCount, $"exited {clock.Elapsed.TotalMilliseconds:0} ms after the signal");
        FaultMatrixReport.WriteAfter(row, typeof(SignalTests).Assembly, () =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(row.TypedFailures, Is.EqualTo(1), "reported as the cancellation it is");
            Assert.That(row.LeakedInstances, Is.Zero, "no publish job of ours goes on");
            Assert.That(row.SecretsInLogs, Is.Zero, "no token or cookie on stdout or stderr");
            Assert.That(cli.Error, Does.Contain("2 cube publish jobs were cancelled on the server."));
            Assert.That(emulator.RunningJobCount, Is.Zero, "the jobs are cancelled on the server");
            Assert.That(emulator.CancelledJobCount, Is.EqualTo(2));
            Assert.That(emulator.RequestCount("POST", "monitors/cancelJobs"), Is.EqualTo(1), "one cancel, for both");
            Assert.That(emulator.SessionCount, Is.Zero, "the session is logged out");
        });
    }

    [Test]
    public async Task SIGINT_while_a_publish_answer_is_on_the_way_waits_for_it_and_cancels_that_job_too()
    {
        await using var emulator = await StartEmulatorAsync();

        // The second publish starts its job at once and answers 5 s later: the interrupt lands in between,
        // and the clean-up's grace (60 s) is far beyond the answer, so the answer always comes within it.
        emulator.Faults.Add(new FaultRule { DelayAnswer = TimeSpan.FromSeconds(5), Method = "POST", PathContains = "/v2/cubes/" + Seeds.InventoryCubeId });
        using var cli = CliProcess.Start(emulator, "cubes", "refresh", Seeds.SalesCubeId, Seeds.InventoryCubeId, "--cleanup-timeout", "60");
        await WaitForRunningJobsAsync(emulator, 2, "both jobs run, the second one's answer held back");
        cli.Signal(SIGINT);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(cli.Error, Does.Contain("2 cube publish jobs were cancelled on the server."));
            Assert.That(cli.Error, Does.Contain("nothing is held on the server"));
            Assert.That(emulator.RunningJobCount, Is.Zero, "no job runs on unseen");
            Assert.That(emulator.CancelledJobCount, Is.EqualTo(2));
            Assert.That(emulator.SessionCount, Is.Zero, "the session is logged out");
        });
    }

    [Test]
    public async Task SIGINT_while_a_publish_answer_never_comes_says_the_job_may_still_run_instead_of_nothing_is_held()
    {
        await using var emulator = await StartEmulatorAsync();
        emulator.Faults.Add(new FaultRule { DelayAnswer = TimeSpan.FromMinutes(5), Method = "POST", PathContains = "/v2/cubes/" });
        using var cli = CliProcess.Start(emulator, "cubes", "refresh", Seeds.SalesCubeId, "--cleanup-timeout", "1");
        await WaitForRunningJobsAsync(emulator, 1, "the job runs, its answer held back");
        cli.Signal(SIGINT);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(cli.Error, Does.Contain("was cancelled while its start was on the way"));
            Assert.That(cli.Error, Does.Contain("may still be running on the server (strategy jobs list shows what runs)."));
            Assert.That(cli.Error, Does.Not.Contain("nothing is held"));
            Assert.That(emulator.SessionCount, Is.Zero, "the session is logged out all the same");
        });
    }

    [Test]
    public async Task Work_started_with_no_wait_is_waited_for_by_a_later_process_and_SIGINT_there_leaves_it_running()
    {
        await using var emulator = await StartEmulatorAsync();
        string token;
        using (var start = CliProcess.Start(emulator, "cubes", "refresh", Seeds.SalesCubeId, "--no-wait"))
        {
            Assert.That(await start.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(ExitCodes.Success), start.Error);
            token = start.Output.Trim();
        }

        Assert.That(emulator.SessionCount, Is.Zero, "the starting process logged out and is gone");
        using var waiting = CliProcess.Start(emulator, "wait", token);
        await waiting.WaitForErrorAsync("waiting for it to end");
        waiting.Signal(SIGINT);
        var exitCode = await waiting.WaitForExitAsync(TimeSpan.FromSeconds(20));

        var row = Row("SIGINT (Ctrl+C) during strategy wait", exitCode, waiting, emulator, emulator.OpenInstanceCount, "-");
        FaultMatrixReport.WriteAfter(row, typeof(SignalTests).Assembly, () =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), waiting.Error);
            Assert.That(row.TypedFailures, Is.EqualTo(1), "reported as the cancellation it is");
            Assert.That(row.SecretsInLogs, Is.Zero, "no token or cookie on stdout or stderr");
            Assert.That(waiting.Error, Does.Contain("  the cube publish job ").And.Contain("goes on on the server").And.Not.Contain("PublishCube"));
            Assert.That(emulator.RunningJobCount, Is.EqualTo(1), "the job goes on: the token resumes it again");
            Assert.That(emulator.SessionCount, Is.Zero, "the waiting process logged out");
        });

        // The job stopped on the server meanwhile: a third process reads that it failed.
        using (var cancel = CliProcess.Start(emulator, "jobs", "cancel", StrategyResumeTokenId(token)))
        {
            Assert.That(await cancel.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(ExitCodes.Success), cancel.Error);
        }

        using var after = CliProcess.Start(emulator, "wait", token);
        Assert.Multiple(async () =>
        {
            Assert.That(await after.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(ExitCodes.ServerFailure), after.Error);
            Assert.That(after.Error, Does.Contain("stopped"));
        });
    }

    [Test]
    public async Task SIGINT_during_a_command_made_from_the_spec_ends_it_as_cancelled_and_logs_out()
    {
        await using var emulator = await StartEmulatorAsync();
        var held = new FaultRule { Delay = TimeSpan.FromMinutes(5), Method = "GET", PathContains = "/api/projects" };
        emulator.Faults.Add(held);
        using var cli = CliProcess.Start(emulator, "projects", "list");
        await Eventually.HoldsAsync(() => emulator.Faults.FiredFor(held) == 1, "the list's answer is held back");
        cli.Signal(SIGINT);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        var row = Row("SIGINT (Ctrl+C) during a command made from the spec (projects list)", exitCode, cli, emulator, 0, "-");
        FaultMatrixReport.WriteAfter(row, typeof(SignalTests).Assembly, () =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), cli.Error);
            Assert.That(cli.Error, Does.Contain("Cancelled; nothing is held on the server."));
            Assert.That(cli.Output.Trim(), Is.Empty, "nothing printed as if it had answered (the reader ends the stream with a line break)");
            Assert.That(row.LeakedSessions, Is.Zero, "the session is logged out");
            Assert.That(row.SecretsInLogs, Is.Zero, "no token or cookie on stdout or stderr");
        });
    }

    private static string StrategyResumeTokenId(string token) => Generated.StrategyResumeToken.Parse(token).Id;

    /// <summary>Waits until the server runs <paramref name="jobs"/> jobs (at most 30 s, however busy the machine is).</summary>
    private static async Task WaitForRunningJobsAsync(StrategyEmulator emulator, int jobs, string what)
    {
        await Eventually.HoldsAsync(() => emulator.RunningJobCount >= jobs, what);
        Assert.That(emulator.RunningJobCount, Is.EqualTo(jobs), what);
    }

    private static Task<StrategyEmulator> StartEmulatorAsync() =>
        StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", PublishDuration = TimeSpan.FromMinutes(5) });

    /// <summary>
    /// The row one signalled command measured: what it left on the server (<paramref name="leftOnServer"/>:
    /// instances, or jobs of ours still running), the sessions still open, and every token and cookie
    /// the emulator issued searched for in all the command printed.
    /// </summary>
    private static FaultMatrixRow Row(string fault, int exitCode, CliProcess cli, StrategyEmulator emulator, int leftOnServer, string timeLimit) =>
        FaultMatrixReport.ForProcess(fault, exitCode, cli.Output, cli.Error, leftOnServer, emulator.SessionCount, emulator.IssuedSecrets, timeLimit);
}
