using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// A maintenance window across the cluster's two nodes: every node, connection and node's caches has
/// its step, and a stopped node, a node that never settles or a refused call is a failed step, never
/// one left out.
/// </summary>
public sealed class MaintenanceTests : EmulatorTest
{
    [Test]
    public async Task Beginning_idles_every_node_and_ends_every_connection_but_the_callers_own()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();

        var begun = await monitors.BeginMaintenanceAsync(Seeds.ProjectId, options: FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(begun.Succeeded, Is.True, () => string.Join("\n", begun.Steps));
            Assert.That(begun.Steps.Where(s => s.Action == "idle").Select(s => (s.Subject, s.Detail)), Is.EqualTo(Seeds.Nodes.Select(n => ("node " + n, "full_idle"))));
            Assert.That(begun.Steps.Count(s => s.Detail == "disconnected"), Is.EqualTo(3), "the three seeded connections of other users");
            Assert.That(begun.Steps.Single(s => s.Detail.StartsWith("kept", StringComparison.Ordinal)).Subject, Does.Contain("administrator"));
            Assert.That(Seeds.Nodes.Select(Emulator.ProjectStatusOn), Is.All.EqualTo("full_idle"));
        });
    }

    [Test]
    public async Task A_stopped_node_is_a_failed_step_and_the_running_node_is_still_idled()
    {
        Emulator.SetNodeDown(Seeds.Nodes[1]);
        var monitors = Connection.CreateClient<MonitorsClient>();

        var begun = await monitors.BeginMaintenanceAsync(Seeds.ProjectId, ProjectStatusValue.RequestIdle, FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(begun.Succeeded, Is.False);
            Assert.That(begun.Failures.Select(s => s.ToString()), Is.EqualTo(new[] { $"idle node {Seeds.Nodes[1]}: FAILED, the node is stopped, so its project was not changed" }));
            Assert.That(Emulator.ProjectStatusOn(Seeds.Nodes[0]), Is.EqualTo("request_idle"));
        });
    }

    [Test]
    public async Task A_node_that_never_settles_is_named_with_the_status_it_was_left_in()
    {
        Emulator.HoldNextProjectStatusChange(Seeds.Nodes[1]);
        var monitors = Connection.CreateClient<MonitorsClient>();

        var begun = await monitors.BeginMaintenanceAsync(Seeds.ProjectId, options: FastWaits with { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Multiple(() =>
        {
            Assert.That(begun.Failures.Select(s => s.ToString()), Is.EqualTo(new[] { $"idle node {Seeds.Nodes[1]}: FAILED, still loaded_pending when the time limit of 1 s ran out" }));
            Assert.That(begun.Steps.Single(s => s.Subject == "node " + Seeds.Nodes[0]).Succeeded, Is.True, "the node that settled did");
            Assert.That(begun.Steps.Count(s => s.Detail == "disconnected"), Is.EqualTo(3), "the connections were still ended");
        });
    }

    [Test]
    public async Task Ending_loads_every_node_back_invalidates_its_caches_and_purges_its_object_caches()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();
        await monitors.BeginMaintenanceAsync(Seeds.ProjectId, options: FastWaits);

        var ended = await monitors.EndMaintenanceAsync(Seeds.ProjectId, FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(ended.Succeeded, Is.True, () => string.Join("\n", ended.Steps));
            Assert.That(ended.Steps.Select(s => s.ToString()), Is.EqualTo(new[]
            {
                $"load node {Seeds.Nodes[0]}: loaded",
                $"load node {Seeds.Nodes[1]}: loaded",
                $"invalidate content caches on node {Seeds.Nodes[0]}: 3 invalidated",
                $"invalidate content caches on node {Seeds.Nodes[1]}: 2 invalidated",
                "purge object caches: purged",
            }));
            Assert.That(Seeds.Nodes.SelectMany(Emulator.ContentCachesOn).Select(c => c.Cache.Status!.Invalid), Is.All.True);
            Assert.That(Emulator.PurgeCount("object"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Content_caches_that_expire_between_pages_end_the_list_instead_of_looping()
    {
        Emulator.ExpireContentCachesAfterNextList();
        var monitors = Connection.CreateClient<MonitorsClient>();

        var listed = new List<string>();
        await foreach (var keyed in monitors.EnumerateContentCachesAsync(Seeds.Nodes[0], Seeds.ProjectId, pageSize: 2))
        {
            listed.AddRange(keyed.Keys);
        }

        Assert.Multiple(() =>
        {
            Assert.That(listed, Has.Count.EqualTo(2), "the first page; the one cache left moved to offset 0, behind the next page");
            Assert.That(Emulator.ContentCachesOn(Seeds.Nodes[0]), Has.Count.EqualTo(1), "the fault fired");
            Assert.That(Emulator.RequestCount("GET", "/caches/contents"), Is.EqualTo(2), "one more page was asked for, and it was empty");
        });
    }

    [Test]
    public void A_change_to_a_cache_the_node_does_not_hold_changes_nothing()
    {
        var monitors = Connection.CreateClient<MonitorsClient>();
        var known = Emulator.ContentCachesOn(Seeds.Nodes[0])[0].CombinedId;
        var change = new ContentCacheOperations
        {
            OperationList =
            [
                new ContentCacheOperation { Op = ContentCacheOperationOp.Remove, Path = "/contentCaches/" + known },
                new ContentCacheOperation { Op = ContentCacheOperationOp.Remove, Path = "/contentCaches/Tk9ORQ==" },
            ],
        };

        var refused = Assert.ThrowsAsync<StrategyApiException>(() => monitors.UpdateContentCachesAsync(Seeds.Nodes[0], change));

        Assert.Multiple(() =>
        {
            Assert.That((refused!.StatusCode, refused.ErrorCode), Is.EqualTo((404, "ERR004")));
            Assert.That(Emulator.ContentCachesOn(Seeds.Nodes[0]), Has.Count.EqualTo(3), "the known cache is still there");
        });
    }
}
