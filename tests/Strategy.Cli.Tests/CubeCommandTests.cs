using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary><c>strategy cubes list|status|refresh|load|unload</c> and <c>strategy jobs list|cancel</c>: output and exit codes.</summary>
public sealed class CubeCommandTests : CliTest
{
    [Test]
    public async Task List_prints_the_projects_cubes()
    {
        var (exitCode, output, error) = await RunAsync("cubes", "list");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            foreach (var (id, name) in Seeds.Cubes)
            {
                Assert.That(output, Does.Contain($"{id}  {name}"));
            }
        });
    }

    [Test]
    public async Task Reports_list_leaves_out_the_cubes_a_server_counts_as_report_definitions_too()
    {
        var (exitCode, output, error) = await RunAsync("reports", "list");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.Contain(Strategy.Emulator.Reports.ReportSeeds.PromptedReportId));
            foreach (var (id, _) in Seeds.Cubes)
            {
                Assert.That(output, Does.Not.Contain(id));
            }

            Assert.That(output, Does.Not.Contain(Seeds.DataModelId));
        });
    }

    [Test]
    public async Task Status_prints_the_flags_in_words_and_as_json()
    {
        var (exitCode, output, _) = await RunAsync("cubes", "status", Seeds.SalesCubeId);
        var (jsonExit, json, _) = await RunAsync("cubes", "status", Seeds.SalesCubeId, "--json");

        var parsed = JObject.Parse(json);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output.Trim(), Is.EqualTo($"Cube {Seeds.SalesCubeId}: Active, Persisted, Loaded, Ready (102)."));
            Assert.That(jsonExit, Is.EqualTo(ExitCodes.Success));
            Assert.That((int?)parsed["status"], Is.EqualTo(102));
            Assert.That(parsed["flags"]!.Select(f => (string?)f), Is.EqualTo(new[] { "Active", "Persisted", "Loaded", "Ready" }));
        });
    }

    [Test]
    public async Task Refresh_prints_a_line_per_cube_as_each_ends_and_exits_0()
    {
        var (exitCode, output, error) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, Seeds.InventoryCubeId, "--parallel", "2");

        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines, Has.Some.StartsWith($"cube {Seeds.SalesCubeId} published (job "));
            Assert.That(lines, Has.Some.StartsWith($"cube {Seeds.InventoryCubeId} published (job "));
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Refresh_with_a_failed_cube_exits_1_naming_it_and_json_prints_every_outcome()
    {
        Emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");

        var (exitCode, output, error) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, Seeds.InventoryCubeId, "--parallel", "1", "--json");

        var outcomes = JArray.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.Contain("1 of 2 cube publishes failed").And.Contain(Seeds.SalesCubeId).And.Contain("SALES_FACT"));
            Assert.That(outcomes.Select(o => (bool?)o["succeeded"]), Is.EqualTo(new bool?[] { false, true }));
            Assert.That((string?)outcomes[0]["error"], Does.Contain("SALES_FACT"));
        });
    }

    [Test]
    public async Task Refresh_at_the_time_limit_exits_2_and_cancels_the_jobs()
    {
        await Emulator.DisposeAsync();
        var slow = Emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", PublishDuration = TimeSpan.FromMinutes(5) });

        var (exitCode, _, error) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--timeout", "1");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Timeout), error);
            Assert.That(error, Does.Contain("was cancelled on the server"));
            Assert.That(slow.CancelledJobCount, Is.EqualTo(1));
            Assert.That(slow.RunningJobCount, Is.Zero);
        });
    }

    [Test]
    public async Task Refresh_no_wait_prints_a_token_per_cube_and_leaves_the_jobs_running()
    {
        var (exitCode, output, error) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, Seeds.InventoryCubeId, "--no-wait");
        var (jsonExit, json, _) = await RunAsync("cubes", "refresh", Seeds.CustomerCubeId, "--no-wait", "--json");

        var started = JObject.Parse(json);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2).And.All.StartsWith("sop1."));
            Assert.That(jsonExit, Is.EqualTo(ExitCodes.Success));
            Assert.That((string?)started["kind"], Is.EqualTo("PublishCube"));
            Assert.That((string?)started["id"], Does.Contain(":"), "the job's composite id");
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(3));
            Assert.That(Emulator.SessionCount, Is.Zero, "each command's session is logged out");
        });
    }

    [Test]
    public async Task Wait_resumes_a_refresh_started_with_no_wait_and_exits_as_refresh_does()
    {
        var (_, token, _) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--no-wait");
        Emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");
        var (_, failingToken, _) = await RunAsync("cubes", "refresh", Seeds.InventoryCubeId, "--no-wait");

        var (exitCode, output, error) = await RunAsync("wait", token.Trim());
        var (jsonExit, json, _) = await RunAsync("wait", token.Trim(), "--json");
        var (failedExit, _, failedError) = await RunAsync("wait", failingToken.Trim());

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.StartWith($"cube {Seeds.SalesCubeId} published (job ").And.EndWith(", Ready)" + Environment.NewLine));
            Assert.That(jsonExit, Is.EqualTo(ExitCodes.Success));
            Assert.That((string?)JArray.Parse(json)[0]["jobStatus"], Is.EqualTo("completed"));
            Assert.That(failedExit, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(failedError, Does.Contain("SALES_FACT"));
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(2), "waiting publishes nothing");
        });
    }

    [Test]
    public async Task Wait_with_a_token_that_cannot_be_used_exits_3_saying_why()
    {
        var (_, token, _) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--no-wait");
        await using var other = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" });
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new Strategy.Cli.Infrastructure.CliConsole { Out = output, Error = error, GetEnvironmentVariable = name => name == "STRATEGY_PASSWORD" ? string.Empty : null };

        var otherServer = await Strategy.Cli.StrategyCli.RunAsync(["wait", token.Trim(), "--base-url", other.BaseUrl.ToString(), "--project", Seeds.ProjectId], console, CancellationToken.None);
        var (malformed, _, malformedError) = await RunAsync("wait", "not-a-token");
        var (newer, _, newerError) = await RunAsync("wait", "sop9.eyJ9");

        Assert.Multiple(() =>
        {
            Assert.That(otherServer, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error.ToString(), Does.Contain(Emulator.BaseUrl.Authority).And.Contain(other.BaseUrl.Authority));
            Assert.That(malformed, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(malformedError, Does.Contain("not a resume token"));
            Assert.That(newer, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(newerError, Does.Contain("newer version"));
        });
    }

    [Test]
    public async Task Unload_then_load_changes_the_cache_and_status_shows_it()
    {
        var (unloadExit, unloaded, unloadError) = await RunAsync("cubes", "unload", Seeds.CustomerCubeId);
        var (_, afterUnload, _) = await RunAsync("cubes", "status", Seeds.CustomerCubeId);
        var (loadExit, loaded, _) = await RunAsync("cubes", "load", Seeds.CustomerCubeId);

        Assert.Multiple(() =>
        {
            Assert.That(unloadExit, Is.EqualTo(ExitCodes.Success), unloadError);
            Assert.That(unloaded, Does.Contain("unloaded"));
            Assert.That(afterUnload, Does.Not.Contain("Loaded"));
            Assert.That(loadExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(loaded, Does.Contain(" loaded."));
        });
    }

    [Test]
    public async Task Unload_with_no_wait_prints_a_token_that_wait_resumes()
    {
        var (exitCode, token, error) = await RunAsync("cubes", "unload", Seeds.CustomerCubeId, "--no-wait");
        var (waitExit, output, waitError) = await RunAsync("wait", token.Trim());
        var (_, status, _) = await RunAsync("cubes", "status", Seeds.CustomerCubeId);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(token.Trim(), Does.StartWith("sop1."));
            Assert.That(waitExit, Is.EqualTo(ExitCodes.Success), waitError);
            Assert.That(output, Does.StartWith("The cube cache change ").And.Contain(" succeeded."));
            Assert.That(status, Does.Not.Contain("Loaded"));
        });
    }

    [Test]
    public async Task An_unknown_cube_exits_1_with_the_servers_words()
    {
        var (exitCode, _, error) = await RunAsync("cubes", "status", "0123456789ABCDEF0123456789ABCDEF");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.StartWith("error: "));
        });
    }

    [Test]
    public async Task Parallel_below_1_is_bad_input_and_nothing_is_published()
    {
        var (exitCode, _, error) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--parallel", "0");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("--parallel"));
            Assert.That(Emulator.CubePublishCount, Is.Zero);
        });
    }

    [Test]
    public async Task Jobs_list_shows_a_running_publish_and_cancel_stops_it()
    {
        // A publish that outlasts any busy machine's delay between the start and the list: only the cancel ends it.
        await Emulator.DisposeAsync();
        Emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", PublishDuration = TimeSpan.FromMinutes(5) });
        var (_, started, _) = await RunAsync("cubes", "refresh", Seeds.SalesCubeId, "--no-wait", "--json");
        var jobId = (string)JObject.Parse(started)["id"]!;

        var (listExit, list, _) = await RunAsync("jobs", "list");
        var (cancelExit, cancelled, _) = await RunAsync("jobs", "cancel", jobId);
        var (againExit, again, _) = await RunAsync("jobs", "cancel", jobId);

        Assert.Multiple(() =>
        {
            Assert.That(listExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(list, Does.Contain(jobId + "  executing  Sales cube"));
            Assert.That(cancelExit, Is.EqualTo(ExitCodes.Success));
            Assert.That(cancelled.Trim(), Is.EqualTo($"job {jobId}: cancelled"));
            Assert.That(againExit, Is.EqualTo(ExitCodes.ServerFailure), "a job no longer running is not cancelled again");
            Assert.That(again, Does.Contain("not cancelled"));
        });
    }
}
