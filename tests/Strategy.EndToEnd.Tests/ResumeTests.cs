using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>Work started by one connection and resumed by another (as another process would) from its token, against the emulator.</summary>
public sealed class ResumeTests : EmulatorTest
{
    protected override StrategyEmulatorOptions EmulatorOptions => base.EmulatorOptions with { JobLinger = TimeSpan.FromSeconds(30) };

    [Test]
    public async Task A_cube_publish_resumed_elsewhere_waits_for_the_same_job_and_publishes_once()
    {
        var started = await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.SalesCubeId);
        var token = started.GetResumeToken();

        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<MonitorJob>)await elsewhere.ResumeAsync(token);
        var job = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Kind, Is.EqualTo("PublishCube"));
            Assert.That(job!.Id, Is.EqualTo(started.Id));
            Assert.That(job.Status, Is.EqualTo(MonitorJobStatus.Completed));
            Assert.That(resumed.HasCompleted, Is.True);
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(1), "resuming does not publish again");
        });
    }

    [Test]
    public async Task A_cube_publish_resumed_elsewhere_answers_the_outcome_the_helper_answers()
    {
        var cubes = Connection.CreateClient<CubesClient>();
        var direct = await cubes.PublishCubeAndWaitAsync(Seeds.SalesCubeId, FastWaits);
        var started = await cubes.StartPublishCubeAsync(Seeds.SalesCubeId);

        await using var elsewhere = NewConnection();
        var resumed = await elsewhere.ResumeAsync(started.GetResumeToken());
        var outcome = await elsewhere.CreateClient<CubesClient>().WaitForPublishAsync(resumed, FastWaits);
        var notACube = await elsewhere.ResumeAsync((await Connection.CreateClient<SchemaClient>().StartReloadSchemaAsync(new SchemaReloadRequest())).GetResumeToken());

        Assert.Multiple(() =>
        {
            Assert.That(outcome.CubeId, Is.EqualTo(direct.CubeId));
            Assert.That(outcome.Job?.Id, Is.EqualTo(started.Id), "the job the start began");
            Assert.That(outcome.Succeeded, Is.EqualTo(direct.Succeeded).And.True);
            Assert.That(outcome.Flags?.Has(CubeStatus.Ready), Is.EqualTo(direct.Flags?.Has(CubeStatus.Ready)).And.True);
            Assert.That(outcome.LastUpdate?.JobNumber, Is.Not.Null.And.Not.EqualTo(direct.LastUpdate?.JobNumber), "the resumed job's own update");
            Assert.That(
                () => elsewhere.CreateClient<CubesClient>().WaitForPublishAsync(notACube, FastWaits),
                Throws.ArgumentException.With.Message.Contains("not a cube publish (PublishCube)"));
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(2), "resuming publishes nothing");
        });
    }

    [Test]
    public async Task Work_that_has_finished_comes_back_completed_from_one_status_call()
    {
        var started = await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.InventoryCubeId);
        await ((StrategyWork<MonitorJob>)started).WaitForCompletionAsync(FastWaits);
        var before = Emulator.RequestCount("GET", "monitors/jobs/");

        await using var elsewhere = NewConnection();
        var resumed = await elsewhere.ResumeAsync(started.GetResumeToken());

        Assert.Multiple(() =>
        {
            Assert.That(resumed.HasCompleted, Is.True);
            Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(resumed.Failure, Is.Null);
            Assert.That(Emulator.RequestCount("GET", "monitors/jobs/") - before, Is.EqualTo(1), "one status call");
        });
    }

    [Test]
    public async Task A_job_that_left_the_monitor_before_the_resume_is_confirmed_from_its_cube_a_success()
    {
        Emulator.VanishNextJob();
        var started = await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.SalesCubeId);
        await WaitUntilAsync(() => Emulator.RunningJobCount == 0);

        await using var elsewhere = NewConnection();
        var resumed = await elsewhere.ResumeAsync(started.GetResumeToken());

        Assert.Multiple(() =>
        {
            Assert.That(resumed.HasCompleted, Is.True);
            Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Succeeded), resumed.Failure?.Message);
            Assert.That(((MonitorJob)resumed.LastStatusValue!).Status, Is.EqualTo(MonitorJobStatus.Completed));
        });
    }

    [Test]
    public async Task A_failed_job_that_left_the_monitor_before_the_resume_comes_back_with_its_typed_failure()
    {
        Emulator.FailNextCubePublish("The warehouse table SALES_FACT does not exist.");
        Emulator.VanishNextJob();
        var started = await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.SalesCubeId);
        await WaitUntilAsync(() => Emulator.RunningJobCount == 0);

        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<MonitorJob>)await elsewhere.ResumeAsync(started.GetResumeToken());

        Assert.Multiple(() =>
        {
            Assert.That(resumed.HasCompleted, Is.True);
            Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Failed));
            Assert.That(resumed.Failure, Is.InstanceOf<StrategyOperationFailedException>().With.Message.Contains("SALES_FACT"));
            Assert.ThrowsAsync<StrategyOperationFailedException>(() => resumed.WaitForCompletionAsync(FastWaits));
        });
    }

    [Test]
    public async Task A_schema_reload_resumed_elsewhere_completes()
    {
        var started = await Connection.CreateClient<SchemaClient>().StartReloadSchemaAsync(new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.TableKey] });

        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<ModelTask>)await elsewhere.ResumeAsync(started.GetResumeToken());
        var task = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.That(task!.Status, Is.EqualTo(ModelTaskStatus.Completed));
    }

    [Test]
    public async Task A_subscription_run_resumed_elsewhere_is_the_run_started_not_the_one_before()
    {
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var created = await CreateRefreshAsync("resumed run", Seeds.AllTheTimeScheduleId);
        var first = await subscriptions.SendSubscriptionAndWaitAsync(created.Id, FastWaits);

        var started = await subscriptions.StartSendSubscriptionAsync(created.Id);
        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<SubscriptionStatus>)await elsewhere.ResumeAsync(started.GetResumeToken());
        var run = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(started.GetResumeToken(), Is.Not.EqualTo(string.Empty));
            Assert.That(StrategyResumeToken.Parse(started.GetResumeToken()).PreviousRun, Is.Not.Null, "the token names the run before");
            Assert.That(run!.Start, Is.GreaterThan(first.Start!), "a later run than the one before the start");
            Assert.That(run.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
        });
    }

    [Test]
    public async Task The_runs_an_event_started_resumed_elsewhere_are_each_the_run_started_not_the_one_before()
    {
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var refresh = await CreateRefreshAsync("refresh on the event", Seeds.PersonalViewScheduleId);
        var report = RefreshRequest("report on the event", Seeds.PersonalViewScheduleId);
        report.Contents = [new SubscriptionContent { Id = "1D2E3F405162738495A6B7C8D9E0F1A2", Type = ContentType.Report, Name = "Monthly sales" }];
        var reportRun = await subscriptions.CreateSubscriptionAsync(report);
        var first = await subscriptions.SendSubscriptionAndWaitAsync(refresh.Id, FastWaits);

        var started = await Connection.CreateClient<EventsClient>().StartTriggerEventAsync(Seeds.PersonalViewEventId);
        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<IReadOnlyList<StrategySubscriptionRun>>)await elsewhere.ResumeAsync(started.GetResumeToken());
        var runs = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Kind, Is.EqualTo(StrategyWorkKinds.TriggerEvent));
            Assert.That(resumed.Id, Is.EqualTo(Seeds.PersonalViewEventId));
            Assert.That(runs!.Select(r => r.Name), Is.EquivalentTo(new[] { "refresh on the event", "report on the event" }), "named as the wait that fired the event names them");
            Assert.That(runs!.Select(r => r.SubscriptionId), Is.EquivalentTo(new[] { refresh.Id, reportRun.Id }));
            Assert.That(runs!.Select(r => r.Outcome), Has.All.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(runs!.Single(r => r.SubscriptionId == refresh.Id).Status!.Start, Is.GreaterThan(first.Start!), "a later run than the one before the trigger");
            Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(started.GetResumeToken().Length, Is.LessThan(600), "two subscriptions still make a short token");
        });
    }

    [Test]
    public async Task An_event_token_written_by_the_earlier_format_still_resumes_every_run()
    {
        var refresh = await CreateRefreshAsync("refresh on the event, earlier format", Seeds.PersonalViewScheduleId);
        var started = await Connection.CreateClient<EventsClient>().StartTriggerEventAsync(Seeds.PersonalViewEventId);
        var token = StrategyResumeToken.Parse(started.GetResumeToken());

        // As format 1 wrote it: each run one argument, "subscription project previous-run" separated by spaces.
        var arguments = new Newtonsoft.Json.Linq.JObject { ["eventId"] = Seeds.PersonalViewEventId };
        for (var i = 0; i < token.Parts.Count; i++)
        {
            var run = token.Parts[i];
            arguments["run" + i] = run.Id + " " + (run.ProjectId ?? "-") + (run.PreviousRun is null ? string.Empty : " " + run.PreviousRun);
        }

        var json = new Newtonsoft.Json.Linq.JObject { ["s"] = token.Server, ["p"] = token.ProjectId, ["k"] = "TriggerEvent", ["a"] = arguments };
        var earlier = "sop1." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<IReadOnlyList<StrategySubscriptionRun>>)await elsewhere.ResumeAsync(earlier);
        var runs = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(token.Parts, Is.Not.Empty, "the event started runs");
            Assert.That(runs!.Select(r => r.SubscriptionId), Is.EquivalentTo(token.Parts.Select(p => p.Id)).And.Contains(refresh.Id));
            Assert.That(runs!.Select(r => r.Outcome), Has.All.EqualTo(StrategyOutcome.Succeeded));
        });
    }

    [Test]
    public async Task The_runs_of_an_event_of_which_one_failed_come_back_failed_from_a_resume_with_every_outcome()
    {
        var refresh = await CreateRefreshAsync("refresh on the event", Seeds.PersonalViewScheduleId);
        Emulator.FailNextPublish();
        var started = await Connection.CreateClient<EventsClient>().StartTriggerEventAsync(Seeds.PersonalViewEventId);
        await ((StrategyWork<IReadOnlyList<StrategySubscriptionRun>>)started).WaitForCompletionAsync(FastWaits).ContinueWith(_ => { }, TaskScheduler.Default);

        await using var elsewhere = NewConnection();
        var resumed = await elsewhere.ResumeAsync(started.GetResumeToken());

        Assert.Multiple(() =>
        {
            Assert.That(resumed.HasCompleted, Is.True, "one status call per run tells it has ended");
            Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Failed));
            Assert.That(resumed.Failure, Is.InstanceOf<StrategySubscriptionRunsFailedException>());
            Assert.That(((StrategySubscriptionRunsFailedException)resumed.Failure!).Failed.Select(r => r.SubscriptionId), Is.EqualTo(new[] { refresh.Id }));
            Assert.That(resumed.Failure!.Message, Does.Contain("a table could not be loaded"));
        });
    }

    [Test]
    public async Task A_subscription_run_that_was_skipped_is_a_skipped_operation_after_its_wait()
    {
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var created = await CreateRefreshAsync("skipped run", Seeds.AllTheTimeScheduleId);
        Emulator.SkipNextSubscriptionRun();

        var started = await subscriptions.StartSendSubscriptionAsync(created.Id);
        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<SubscriptionStatus>)await elsewhere.ResumeAsync(started.GetResumeToken());
        await resumed.WaitForCompletionAsync(FastWaits);

        Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Skipped), "a skip is not reported as a success");
    }

    [Test]
    public async Task A_cube_cache_change_resumed_elsewhere_completes()
    {
        var caches = Connection.CreateClient<CubeCachesClient>();
        var cache = (await caches.FindCubeCachesAsync(Seeds.CustomerCubeId)).Single();
        var started = await caches.StartUpdateCubeCacheAsync(cache.Id, new CubeCacheChange { State = new CubeCacheStateChange { LoadedState = CubeCacheLoadedState.Unloaded } });

        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<CubeCacheManipulationState>)await elsewhere.ResumeAsync(started.GetResumeToken());
        var done = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.That(done!.Status, Is.EqualTo(CubeCacheManipulationStatus.Ready));
    }

    [Test]
    public async Task A_data_model_publish_resumed_elsewhere_deletes_its_instance_at_the_end()
    {
        var started = await Connection.CreateClient<DataModelsClient>().StartPublishTablesAsync(Seeds.DataModelId, TableSelection.ByName(RefreshPolicy.Upsert, "ytd_day"));
        Assert.That(Emulator.OpenInstanceCount, Is.EqualTo(1), "the publish runs in its instance");
        var token = StrategyResumeToken.Parse(started.GetResumeToken());

        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<PublishStatus>)await elsewhere.ResumeAsync(started.GetResumeToken());
        var status = await resumed.WaitForCompletionAsync(FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(token.Arguments.Keys, Is.EquivalentTo(new[] { "dataModelId", "instanceId" }));
            Assert.That(status!.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero, "the resuming process deleted the instance");
            Assert.That(resumed.CleanupFailure, Is.Null);
        });
    }

    [Test]
    public async Task A_resumed_publish_whose_instance_expired_is_the_typed_expired_failure_and_nothing_is_left_open()
    {
        var started = await Connection.CreateClient<DataModelsClient>().StartPublishTablesAsync(Seeds.DataModelId, TableSelection.All(RefreshPolicy.Replace));
        Emulator.ExpireInstances();

        await using var elsewhere = NewConnection();
        var resumed = await elsewhere.ResumeAsync(started.GetResumeToken());

        Assert.Multiple(() =>
        {
            Assert.That(resumed.HasCompleted, Is.True);
            Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Failed));
            Assert.That(resumed.Failure, Is.InstanceOf<StrategyResourceExpiredException>());
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task A_resume_whose_status_call_hangs_past_the_time_limit_still_deletes_the_publish_instance()
    {
        var started = await Connection.CreateClient<DataModelsClient>().StartPublishTablesAsync(Seeds.DataModelId, TableSelection.All(RefreshPolicy.Replace));
        Emulator.Faults.Add(new Strategy.Emulator.Faults.FaultRule { PathContains = "/publishStatus", Delay = TimeSpan.FromSeconds(60), Count = 10 });

        await using var elsewhere = NewConnection();
        await elsewhere.LoginAsync();
        using (StrategyTimeLimit.Begin(TimeSpan.FromSeconds(2)))
        {
            Assert.ThrowsAsync<StrategyUnreachableException>(() => elsewhere.ResumeAsync(started.GetResumeToken()));
        }

        Assert.That(Emulator.OpenInstanceCount, Is.Zero, "the resume gave its wait up, and released the instance under its own limit");
    }

    [Test]
    public async Task A_token_from_another_emulator_is_refused_naming_both()
    {
        var started = await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.SalesCubeId);
        await using var other = await StrategyEmulator.StartAsync(EmulatorOptions);
        await using var there = StrategyConnection.Create(other.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId, Retry);

        var error = Assert.ThrowsAsync<StrategyResumeTokenException>(() => there.ResumeAsync(started.GetResumeToken()));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyResumeTokenProblem.OtherServer));
            Assert.That(error.Message, Does.Contain(Emulator.BaseUrl.Authority).And.Contain(other.BaseUrl.Authority));
            Assert.That(other.SessionCount, Is.Zero, "refused before logging in");
        });
    }

    private static SubscriptionRequest RefreshRequest(string name, string scheduleId) =>
        DataModelRefreshSubscription.Create(name, Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [scheduleId]);

    private Task<Subscription> CreateRefreshAsync(string name, string scheduleId) =>
        Connection.CreateClient<SubscriptionsClient>().CreateSubscriptionAsync(RefreshRequest(name, scheduleId));

    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.HoldsAsync(condition, "the condition this step waits for");
}
