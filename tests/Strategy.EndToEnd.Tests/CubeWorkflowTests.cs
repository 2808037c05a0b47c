using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>Intelligent Cubes end to end over HTTP: publish and know how it ended, one or many, failures, jobs that leave the monitor, stopping, caches.</summary>
public sealed class CubeWorkflowTests : EmulatorTest
{
    protected override StrategyEmulatorOptions EmulatorOptions => base.EmulatorOptions with { JobLinger = TimeSpan.FromSeconds(30), JobLimit = 2 };

    [Test]
    public async Task A_cube_publish_runs_as_a_job_and_ends_ready_with_its_cache_updated_by_that_job()
    {
        var cubes = Connection.CreateClient<CubesClient>();

        var outcome = await cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Job!.Status, Is.EqualTo(MonitorJobStatus.Completed));
            Assert.That(StrategyJobId.NodeOf(outcome.Job.Id), Is.AnyOf(Seeds.Nodes.ToArray()));
            Assert.That(outcome.Flags!.Has(CubeStatus.Ready | CubeStatus.Active), Is.True);
            Assert.That(outcome.Flags.Has(CubeStatus.Processing), Is.False);
            Assert.That(outcome.LastUpdate!.IsFrom(outcome.Job.Id), Is.True);
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task While_a_publish_runs_the_cube_is_processing()
    {
        // Long enough that the status read right after the publish always finds it running, short enough to wait for.
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromSeconds(3) });
        var cubes = Connection.CreateClient<CubesClient>();
        var job = await cubes.PublishCubeAsync(Seeds.InventoryCubeId);

        var during = await cubes.GetCubeStatusFlagsAsync(Seeds.InventoryCubeId);
        var after = await Connection.CreateClient<JobsClient>().AwaitJobAsync(job.Id, cubeId: Seeds.InventoryCubeId, options: FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(during.Has(CubeStatus.Processing), Is.True, during.ToString());
            Assert.That(after.Status, Is.EqualTo(MonitorJobStatus.Completed));
        });
    }

    [Test]
    public void A_failed_publish_is_a_typed_failure_with_the_server_message_and_leaves_the_cube_dirty()
    {
        Emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");
        var cubes = Connection.CreateClient<CubesClient>();

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("SALES_FACT").And.Contain(Seeds.SalesCubeId));
            Assert.That(Emulator.CubeFlags(Seeds.SalesCubeId) & 16, Is.EqualTo(16), "Dirty");
        });
    }

    [Test]
    public void A_failed_publish_whose_job_left_the_monitor_is_still_a_failure()
    {
        Emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");
        Emulator.VanishNextJob();
        var cubes = Connection.CreateClient<CubesClient>();

        // Slow polls: the job has left the monitor before the second status call.
        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits with { MinimumDelay = TimeSpan.FromMilliseconds(400), MaximumDelay = TimeSpan.FromMilliseconds(400) }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StateName, Does.Contain("left the monitor"));
            Assert.That(error.Message, Does.Contain("SALES_FACT"));
        });
    }

    [Test]
    public async Task A_successful_publish_whose_job_left_the_monitor_is_confirmed_from_the_cube()
    {
        Emulator.VanishNextJob();
        var cubes = Connection.CreateClient<CubesClient>();

        var outcome = await cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits with { MinimumDelay = TimeSpan.FromMilliseconds(400), MaximumDelay = TimeSpan.FromMilliseconds(400) });

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Job!.Status, Is.EqualTo(MonitorJobStatus.Completed));
            Assert.That(outcome.LastUpdate!.IsFrom(outcome.Job.Id), Is.True);
        });
    }

    [Test]
    public async Task Cancelling_a_publish_stops_its_job_on_the_server()
    {
        // A publish that outlasts a busy machine's cancel: a 200 ms one may end before the cancel lands.
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromSeconds(10) });
        using var cancellation = new CancellationTokenSource();
        var cubes = Connection.CreateClient<CubesClient>();
        var progress = new SynchronousProgress<StrategyWaitProgress<MonitorJob>>(_ => cancellation.Cancel());

        var error = Assert.ThrowsAsync<StrategyWorkCancelledException>(() => cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits with { MinimumDelay = TimeSpan.FromMinutes(1), MaximumDelay = TimeSpan.FromMinutes(1) }, progress, cancellation.Token));

        await Task.Yield();
        Assert.Multiple(() =>
        {
            Assert.That(error!.CancelledOnServer, Is.True);
            Assert.That(Emulator.CancelledJobCount, Is.EqualTo(1));
            Assert.That(Emulator.RunningJobCount, Is.Zero);
            Assert.That(Emulator.RequestCount("DELETE", "monitors/jobs/"), Is.EqualTo(1), "one cancel");
        });
    }

    [Test]
    public async Task A_publish_cancelled_while_its_answer_is_on_the_way_has_its_job_stopped_on_the_server()
    {
        // The server starts the job at once and answers 4 s later: the cancel lands in between.
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromMinutes(5) });
        Emulator.Faults.Add(new FaultRule { DelayAnswer = TimeSpan.FromSeconds(4), Method = "POST", PathContains = "/v2/cubes/" });
        using var cancellation = new CancellationTokenSource();
        var cubes = Connection.CreateClient<CubesClient>();

        var publish = cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits, null, cancellation.Token);
        await CancelOnceJobsRunAsync(1, cancellation);
        var error = Assert.ThrowsAsync<StrategyWorkCancelledException>(() => publish);

        Assert.Multiple(() =>
        {
            Assert.That(error!.CancelledOnServer, Is.True, error.Message);
            Assert.That(error.Message, Does.Contain("was cancelled on the server"));
            Assert.That(Emulator.RunningJobCount, Is.Zero, "no job runs on unseen");
            Assert.That(Emulator.CancelledJobCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_publish_answer_that_never_comes_after_a_cancel_is_given_up_at_the_clean_up_limit()
    {
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromMinutes(5) });
        Emulator.Faults.Add(new FaultRule { DelayAnswer = TimeSpan.FromMinutes(5), Method = "POST", PathContains = "/v2/cubes/" });
        using var cancellation = new CancellationTokenSource();
        var cubes = Connection.CreateClient<CubesClient>();

        var publish = cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits with { CleanupTimeout = TimeSpan.FromSeconds(1) }, null, cancellation.Token);
        await CancelOnceJobsRunAsync(1, cancellation);

        // The answer is held for 5 minutes: a publish still waiting for it meets this guard, and fails as a timeout.
        var error = Assert.ThrowsAsync<StrategyWorkCancelledException>(() => publish.WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.CancellationToken, Is.EqualTo(cancellation.Token), "the caller's cancellation");
            Assert.That(error.CancelledOnServer, Is.False, "its job is not known, so it may run on");
            Assert.That(error.Message, Does.StartWith("PublishCubeAndAwaitJob for cube " + Seeds.SalesCubeId + " was cancelled while its start was on the way, and the server had not answered 1 s later").And.Contain("may have started there and still be running"));
        });
    }

    [Test]
    public async Task A_batch_cancelled_while_a_publish_answer_is_on_the_way_stops_that_job_with_the_others()
    {
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromMinutes(5), JobLimit = 10 });

        // The second publish's answer is held back 10 s: the first job is known, the second only started (a margin for a busy machine, whose cancel must land first).
        Emulator.Faults.Add(new FaultRule { DelayAnswer = TimeSpan.FromSeconds(10), Method = "POST", PathContains = "/v2/cubes/" + Seeds.InventoryCubeId });
        using var cancellation = new CancellationTokenSource();
        var cubes = Connection.CreateClient<CubesClient>();
        var ids = new[] { Seeds.SalesCubeId, Seeds.InventoryCubeId, Seeds.Cubes[2].Id };

        var publish = cubes.PublishCubesAndWaitAsync(ids, new CubePublishingOptions { MaxConcurrency = 3 }, FastWaits, null, cancellation.Token);
        await CancelOnceJobsRunAsync(2, cancellation);
        var error = Assert.ThrowsAsync<StrategyWorkCancelledException>(() => publish);

        Assert.Multiple(() =>
        {
            Assert.That(error!.CancelledOnServer, Is.True, error.Message);
            Assert.That(error.Message, Does.Contain("2 cube publish jobs were cancelled on the server"));
            Assert.That(Emulator.RunningJobCount, Is.Zero, "no job runs on unseen");
            Assert.That(Emulator.CancelledJobCount, Is.EqualTo(2));
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(2), "nothing is submitted once cancelled");
        });
    }

    [Test]
    public async Task Many_cubes_past_the_project_job_limit_are_resubmitted_and_each_is_published_once()
    {
        // Jobs that outlast a busy machine's three submissions, so the third always meets the limit.
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromSeconds(2) });
        var cubes = Connection.CreateClient<CubesClient>();
        var ids = Seeds.Cubes.Select(c => c.Id).ToList();

        // The project runs at most 2 jobs; asking for 3 at a time meets the limit.
        var outcomes = await cubes.PublishCubesAndWaitAsync(
            ids,
            new CubePublishingOptions { MaxConcurrency = 3, ResubmitDelay = TimeSpan.FromMilliseconds(50), MaxResubmitDelay = TimeSpan.FromMilliseconds(200) },
            FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.CubeId), Is.EqualTo(ids));
            Assert.That(outcomes.All(o => o.Succeeded), Is.True);
            Assert.That(outcomes.Sum(o => o.Rejections), Is.GreaterThanOrEqualTo(1));
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(3), "each cube published once");
            Assert.That(Emulator.RequestCount("GET", "monitors/jobs/"), Is.Zero, "no job read alone: the job lists serve them all");
        });
    }

    [Test]
    public async Task A_cache_is_unloaded_and_loaded_through_the_manipulation_wait()
    {
        var caches = Connection.CreateClient<CubeCachesClient>();
        var cache = (await caches.FindCubeCachesAsync(Seeds.CustomerCubeId)).Single();

        var unloaded = await caches.UnloadCubeCacheAsync(cache.Id, FastWaits);
        var afterUnload = await caches.GetCubeCacheAsync(cache.Id);
        var loaded = await caches.LoadCubeCacheAsync(cache.Id, FastWaits);
        var afterLoad = await caches.GetCubeCacheAsync(cache.Id);

        Assert.Multiple(() =>
        {
            Assert.That(unloaded.Status, Is.EqualTo(CubeCacheManipulationStatus.Ready));
            Assert.That(afterUnload.State!.LoadedState, Is.EqualTo(CubeCacheLoadedState.Unloaded));
            Assert.That(loaded.Status, Is.EqualTo(CubeCacheManipulationStatus.Ready));
            Assert.That(afterLoad.State!.LoadedState, Is.EqualTo(CubeCacheLoadedState.Loaded));
        });
    }

    [Test]
    public async Task Loading_an_inactive_cache_is_the_servers_error_as_a_typed_failure()
    {
        var caches = Connection.CreateClient<CubeCachesClient>();
        var cache = (await caches.FindCubeCachesAsync(Seeds.CustomerCubeId)).Single();
        await caches.UpdateCubeCacheAndWaitAsync(cache.Id, new CubeCacheChange { State = new CubeCacheStateChange { Active = false } }, FastWaits);

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => caches.LoadCubeCacheAsync(cache.Id, FastWaits));

        Assert.That(error!.State, Is.EqualTo("error"));
    }

    [Test]
    public void A_node_that_is_down_answers_503_on_its_caches()
    {
        Emulator.SetNodeDown(Seeds.Nodes[1]);
        var caches = Connection.CreateClient<CubeCachesClient>();

        var error = Assert.ThrowsAsync<StrategyApiException>(() => caches.ListCubeCachesAsync(Seeds.Nodes[1]));

        Assert.That(error!.StatusCode, Is.EqualTo(503));
    }

    [Test]
    public async Task The_quick_search_finds_the_projects_cubes()
    {
        var found = await Connection.CreateClient<SearchClient>().SearchObjectsAsync(type: [776], limit: -1);

        Assert.That(found.Result!.Select(r => r.Id), Is.EquivalentTo(Seeds.Cubes.Select(c => c.Id)));
    }

    [Test]
    public async Task Jobs_are_listed_per_node_and_cancelled_several_at_once_with_207_for_those_already_over()
    {
        // A publish that only the cancel ends, however long a busy machine takes between the calls.
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromMinutes(5) });
        var cubes = Connection.CreateClient<CubesClient>();
        var jobs = Connection.CreateClient<JobsClient>();
        var running = await cubes.PublishCubeAsync(Seeds.SalesCubeId);
        var node = StrategyJobId.NodeOf(running.Id)!;

        var listed = await jobs.ListJobsAsync(node);
        var answer = await jobs.CancelJobsAsync(new CancelJobsRequest { JobIds = [running.Id, "1:" + Convert.ToBase64String("nowhere"u8.ToArray())] });

        Assert.Multiple(() =>
        {
            Assert.That(listed.Jobs!.Select(j => j.Id), Does.Contain(running.Id));
            Assert.That(answer.JobCancellationStatus!.Select(s => s.Status), Is.EqualTo(new[] { "succeeded", "failed" }));
            Assert.That(Emulator.RunningJobCount, Is.Zero);
        });
    }

    /// <summary>Cancels once the server runs <paramref name="jobs"/> jobs (the last one's answer still held back).</summary>
    private async Task CancelOnceJobsRunAsync(int jobs, CancellationTokenSource cancellation)
    {
        await Eventually.HoldsAsync(() => Emulator.RunningJobCount >= jobs, $"{jobs} publish job(s) run");
        cancellation.Cancel();
    }
}
