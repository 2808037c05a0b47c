using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// A project loaded, unloaded or idled on the cluster's nodes, waited for until every node says it has
/// settled (the spec's wait over every node's project): on all nodes at once, on one node, resumed in
/// another process, with a node that never settles and a node that is stopped.
/// </summary>
public sealed class ProjectStatusTests : EmulatorTest
{
    [Test]
    public async Task An_unload_on_every_node_is_waited_for_through_its_pending_status()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();
        var seen = new List<string>();

        var nodes = await monitors.ChangeProjectStatusAndWaitAsync(Seeds.ProjectId, new ProjectStatusRequest { Status = ProjectStatusValue.Unloaded }, options: FastWaits, progress: new Progress(p => seen.Add(p.Words)));

        Assert.Multiple(() =>
        {
            Assert.That(nodes.Nodes.SelectMany(n => n.Projects!).Select(p => p.Status), Is.EqualTo(new[] { "unloaded", "unloaded" }));
            Assert.That(seen, Does.Contain("unloaded_pending on 2 of 2"), "the wait saw the change pending before it settled");
            Assert.That(seen, Does.Contain("unloaded on all 2"));
            Assert.That(Seeds.Nodes.Select(Emulator.ProjectStatusOn), Is.All.EqualTo("unloaded"));
        });
    }

    [Test]
    public async Task A_change_on_one_node_leaves_the_other_as_it_was()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();

        var nodes = await monitors.ChangeProjectStatusOnNodeAndWaitAsync(Seeds.Nodes[0], Seeds.ProjectId, Idle(ProjectStatusValue.FullIdle), FastWaits);

        Assert.That(nodes.Nodes.Select(n => (n.Name, n.Projects!.Single().Status)), Is.EqualTo(new[] { (Seeds.Nodes[0], "full_idle"), (Seeds.Nodes[1], "loaded") }));
    }

    [Test]
    public async Task A_change_that_never_settles_ends_at_the_time_limit_with_the_pending_status()
    {
        Emulator.HoldNextProjectStatusChange(Seeds.Nodes[1]);
        var monitors = Connection.CreateClient<MonitorsClient>();
        // The limit covers the whole call, a login included: signed in first, and a limit a cold, busy
        // machine's first calls fit in (a clean-clone run spent a whole second on its first login).
        await Connection.LoginAsync();
        var shortWait = FastWaits with { Timeout = TimeSpan.FromSeconds(3) };

        var timeout = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => monitors.ChangeProjectStatusAndWaitAsync(Seeds.ProjectId, new ProjectStatusRequest { Status = ProjectStatusValue.Unloaded }, options: shortWait));

        Assert.Multiple(() =>
        {
            // How many nodes had settled by the last read depends on the machine's pace; that it counts them does not.
            Assert.That(timeout!.LastState, Does.Match("^unloaded_pending on [12] of 2$"), "the last status read says how many nodes had not settled");
            Assert.That(Emulator.ProjectStatusOn(Seeds.Nodes[0]), Is.EqualTo("unloaded"), "the node that settled did");
            Assert.That(Emulator.ProjectStatusOn(Seeds.Nodes[1]), Is.EqualTo("unloaded_pending"), "the fault fired");
        });
    }

    [Test]
    public async Task A_stopped_node_refuses_its_own_change_and_lists_no_project()
    {
        Emulator.SetNodeDown(Seeds.Nodes[1]);
        var monitors = Connection.CreateClient<MonitorsClient>();

        var refused = Assert.ThrowsAsync<StrategyApiException>(() => monitors.UpdateProjectStatusOnNodeAsync(Seeds.Nodes[1], Seeds.ProjectId, Idle(ProjectStatusValue.RequestIdle)));
        var nodes = await monitors.ChangeProjectStatusAndWaitAsync(Seeds.ProjectId, new ProjectStatusRequest { Status = ProjectStatusValue.RequestIdle }, options: FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(refused!.StatusCode, Is.EqualTo(503));
            Assert.That(nodes.Nodes.Single(n => n.Name == Seeds.Nodes[1]), Has.Property(nameof(ClusterNode.Status)).EqualTo("stopped").And.Property(nameof(ClusterNode.Projects)).Empty);
            Assert.That(nodes.Nodes.Single(n => n.Name == Seeds.Nodes[0]).Projects!.Single().Status, Is.EqualTo("request_idle"));
        });
    }

    [Test]
    public async Task A_change_started_here_is_resumed_elsewhere_and_answers_the_same_typed_status()
    {
        var started = await Connection.CreateClient<MonitorsClient>().StartChangeProjectStatusAsync(Seeds.ProjectId, new ProjectStatusRequest { Status = ProjectStatusValue.Unloaded });
        await using var elsewhere = NewConnection();

        var resumed = (StrategyWork<ClusterNodeList>)await elsewhere.ResumeAsync(started.GetResumeToken());
        var nodes = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Kind, Is.EqualTo(StrategyWorkKinds.UpdateProjectStatus));
            Assert.That(resumed.Arguments["projectId"], Is.EqualTo(Seeds.ProjectId));
            Assert.That(nodes!.Nodes.SelectMany(n => n.Projects!).Select(p => p.Status), Is.All.EqualTo("unloaded"));
        });
    }

    [Test]
    public void A_status_the_server_does_not_take_is_refused_with_the_field_named()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();
        var wrong = new ProjectStatusOperations { OperationList = [new ProjectStatusOperation { Op = ProjectStatusOperationOp.Replace, Path = ProjectStatusOperationPath.Status, Value = ProjectStatusValue.Loaded }, new ProjectStatusOperation { Op = ProjectStatusOperationOp.Replace, Path = ProjectStatusOperationPath.Status, Value = ProjectStatusValue.Unloaded }] };

        var refused = Assert.ThrowsAsync<StrategyApiException>(() => monitors.UpdateProjectStatusOnNodeAsync(Seeds.Nodes[0], Seeds.ProjectId, wrong));

        Assert.Multiple(() =>
        {
            Assert.That((refused!.StatusCode, refused.ErrorCode), Is.EqualTo((400, "ERR006")));
            Assert.That(refused.Message, Does.Contain("operationList"));
            Assert.That(Emulator.ProjectStatusOn(Seeds.Nodes[0]), Is.EqualTo("loaded"), "nothing changed");
        });
    }

    private static ProjectStatusOperations Idle(ProjectStatusValue value) =>
        new() { OperationList = [new ProjectStatusOperation { Op = ProjectStatusOperationOp.Replace, Path = ProjectStatusOperationPath.Status, Value = value }] };

    private sealed class Progress(Action<StrategyWaitProgress<ClusterNodeList>> report) : IProgress<StrategyWaitProgress<ClusterNodeList>>
    {
        public void Report(StrategyWaitProgress<ClusterNodeList> value) => report(value);
    }
}
