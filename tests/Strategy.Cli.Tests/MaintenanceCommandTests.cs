using Newtonsoft.Json.Linq;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>
/// <c>strategy maintenance</c> and <c>strategy projects load|unload|idle</c> on the emulator's two nodes:
/// every node and connection with its line, a stopped node or a node that never settles named with
/// exit 1, and a change started with --no-wait answered by <c>strategy wait</c> as the command answers.
/// </summary>
public sealed class MaintenanceCommandTests : CliTest
{
    [Test]
    public async Task Beginning_and_ending_maintenance_print_every_step_and_exit_0()
    {
        var (beginExit, begun, beginError) = await RunAsync("maintenance", "begin", "--mode", "request_idle");
        var (endExit, ended, endError) = await RunAsync("maintenance", "end", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(beginExit, Is.EqualTo(ExitCodes.Success), beginError);
            Assert.That(begun, Does.Contain($"idle node {Seeds.Nodes[0]}: request_idle").And.Contain($"idle node {Seeds.Nodes[1]}: request_idle"));
            Assert.That(begun, Does.Contain("(analyst1 on").And.Contain("(designer on").And.Contain("kept: the caller's own session"));
            Assert.That(endExit, Is.EqualTo(ExitCodes.Success), endError);
            Assert.That(JArray.Parse(ended).Select(s => (s["action"]!.Value<string>(), s["succeeded"]!.Value<bool>())),
                Is.EqualTo(new[] { ("load", true), ("load", true), ("invalidate", true), ("invalidate", true), ("purge", true) }));
            Assert.That(Emulator.PurgeCount("object"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_stopped_node_is_named_and_the_command_exits_1()
    {
        Emulator.SetNodeDown(Seeds.Nodes[1]);

        var (exitCode, output, error) = await RunAsync("maintenance", "begin");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(error, Does.Contain($"error: idle node {Seeds.Nodes[1]}: FAILED, the node is stopped"));
            Assert.That(output, Does.Contain($"idle node {Seeds.Nodes[0]}: full_idle"), "the running node was still idled");
        });
    }

    [Test]
    public async Task A_window_the_time_limit_cuts_short_still_prints_every_node_and_connection_and_exits_2()
    {
        Emulator.HoldNextProjectStatusChange(Seeds.Nodes[1]);

        var (exitCode, output, error) = await RunAsync("maintenance", "begin", "--timeout", "2");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Timeout), error);
            Assert.That(output, Does.Contain($"idle node {Seeds.Nodes[0]}: full_idle"));
            Assert.That(output, Does.Contain($"idle node {Seeds.Nodes[1]}: FAILED, still loaded_pending when the time limit"));
            Assert.That(output, Does.Contain("(designer on").And.Contain("disconnected"), "the connections were ended before the wait");
            Assert.That(Emulator.ProjectStatusOn(Seeds.Nodes[1]), Is.EqualTo("loaded_pending"), "the fault fired");
        });
    }

    [Test]
    public async Task A_node_that_never_settles_is_named_when_the_time_limit_runs_out()
    {
        Emulator.HoldNextProjectStatusChange(Seeds.Nodes[0]);

        var (exitCode, _, error) = await RunAsync("projects", "unload", Seeds.ProjectId, "--node", Seeds.Nodes[0], "--timeout", "3");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Timeout), error);
            Assert.That(error, Does.Match("unloaded_pending on [12] of 2"), "the last status read says how many nodes had not settled (how many had, depends on the machine's pace)");
            Assert.That(Emulator.ProjectStatusOn(Seeds.Nodes[0]), Is.EqualTo("unloaded_pending"), "the fault fired");
        });
    }

    [Test]
    public async Task A_change_started_without_waiting_is_answered_by_wait_as_by_its_command()
    {
        var (startExit, token, startError) = await RunAsync("projects", "idle", Seeds.ProjectId, "--mode", "exec_idle", "--no-wait");
        var (waitExit, waited, waitError) = await RunAsync("wait", token.Trim());
        var (againExit, again, _) = await RunAsync("projects", "idle", Seeds.ProjectId, "--mode", "exec_idle");

        Assert.Multiple(() =>
        {
            Assert.That(startExit, Is.EqualTo(ExitCodes.Success), startError);
            Assert.That(waitExit, Is.EqualTo(ExitCodes.Success), waitError);
            Assert.That(waited, Is.EqualTo($"{Seeds.Nodes[0]}  running  exec_idle{Environment.NewLine}{Seeds.Nodes[1]}  running  exec_idle{Environment.NewLine}"));
            Assert.That((againExit, again), Is.EqualTo((ExitCodes.Success, waited)), "the command and wait print the same lines");
        });
    }

    [Test]
    public async Task Content_caches_are_listed_flat_with_their_combined_id_and_deleted_by_it()
    {
        var (listExit, listed, listError) = await RunAsync("caches", "list", "--cluster-node", Seeds.Nodes[1], "--project-id", Seeds.ProjectId, "--json");
        var combinedId = JArray.Parse(listed)[0]["combinedId"]!.Value<string>()!;
        var (deleteExit, _, deleteError) = await RunAsync("caches", "update", "--cluster-node", Seeds.Nodes[1], "--body", $$"""{"operationList":[{"op":"remove","path":"/contentCaches/{{combinedId}}"}]}""");
        var (againExit, _, againError) = await RunAsync("caches", "update", "--cluster-node", Seeds.Nodes[1], "--body", $$"""{"operationList":[{"op":"remove","path":"/contentCaches/{{combinedId}}"}]}""");

        Assert.Multiple(() =>
        {
            Assert.That(listExit, Is.EqualTo(ExitCodes.Success), listError);
            Assert.That(JArray.Parse(listed).Select(c => c["combinedId"]!.Value<string>()), Is.EqualTo(Emulator.ContentCachesOn(Seeds.Nodes[1]).Select(c => c.CombinedId).Prepend(combinedId).Distinct()));
            Assert.That(deleteExit, Is.EqualTo(ExitCodes.Success), deleteError);
            Assert.That(Emulator.ContentCachesOn(Seeds.Nodes[1]).Select(c => c.CombinedId), Does.Not.Contain(combinedId));
            Assert.That(againExit, Is.EqualTo(ExitCodes.ServerFailure));
            Assert.That(againError, Does.Contain("ERR004").And.Contain("nothing was changed"));
        });
    }
}
