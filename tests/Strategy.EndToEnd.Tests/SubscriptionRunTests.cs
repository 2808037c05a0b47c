using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Running a scheduled refresh now, and firing the event its schedule waits on, against the
/// emulator: a data model subscription's run goes through the publish engine; the waits see
/// their own run, and know how it ended.
/// </summary>
public sealed class SubscriptionRunTests : EmulatorTest
{
    private SubscriptionsClient Subscriptions => Connection.CreateClient<SubscriptionsClient>();

    private EventsClient Events => Connection.CreateClient<EventsClient>();

    private async Task<Subscription> CreateAsync(string name, string scheduleId = Seeds.AllTheTimeScheduleId, RefreshPolicy policy = RefreshPolicy.Upsert) =>
        await Subscriptions.CreateSubscriptionAsync(DataModelRefreshSubscription.Create(
            name, Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = policy }], [scheduleId]));

    private async Task<Subscription> CreateReportSubscriptionAsync(string name, string scheduleId)
    {
        var request = DataModelRefreshSubscription.Create(name, Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [scheduleId]);
        request.Contents = [new SubscriptionContent { Id = "1D2E3F405162738495A6B7C8D9E0F1A2", Type = ContentType.Report, Name = "Monthly sales" }];
        return await Subscriptions.CreateSubscriptionAsync(request);
    }

    [Test]
    public async Task Sending_a_data_model_subscription_refreshes_it_through_the_publish_engine_and_waits_for_that_run()
    {
        var subscription = await CreateAsync("run now");
        var neverRan = await Subscriptions.GetLastSubscriptionRunAsync(subscription.Id);
        var progress = new List<StrategyWaitProgress<SubscriptionStatus>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits, new SynchronousProgress<StrategyWaitProgress<SubscriptionStatus>>(progress.Add));

        var listed = new List<Subscription>();
        await foreach (var s in Subscriptions.EnumerateSubscriptionsAsync(lastRun: true))
        {
            listed.Add(s);
        }

        Assert.Multiple(() =>
        {
            Assert.That(neverRan, Is.Null, "a subscription that never ran has no status");
            Assert.That(run.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(run.Stage, Is.EqualTo(SubscriptionRunStage.Finished));
            Assert.That(run.Contents!.Single().Name, Is.EqualTo(Seeds.DataModelName));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(EmulatorOptions.PublishDuration), "the refresh took as long as a publish");
            Assert.That(progress.Select(p => p.Status.Stage), Does.Contain(SubscriptionRunStage.Executing), "the run was seen executing");
            Assert.That(listed.Single().LastRun, Is.EqualTo(run.Start), "lastRun=true lists it");
            Assert.That(Emulator.OpenInstanceCount, Is.Zero, "a run leaves no instance behind");
        });
    }

    [Test]
    public async Task A_second_send_waits_for_the_second_run_not_the_first()
    {
        var subscription = await CreateAsync("twice");
        var first = await Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits);

        var second = await Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits);

        Assert.That(second.Start, Is.GreaterThan(first.Start!.Value));
    }

    [Test]
    public async Task A_failed_refresh_throws_naming_the_content_and_the_recipient()
    {
        var subscription = await CreateAsync("fails");
        Emulator.FailNextPublish();

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StateName, Is.EqualTo("fail"));
            Assert.That(error.Failures.Select(f => f.Subject), Is.EquivalentTo(new[] { Seeds.DataModelName, "Administrator" }));
            Assert.That(error.Message, Does.Contain("a table could not be loaded"));
        });
    }

    [Test]
    public async Task A_report_subscription_finishes_at_once_and_can_be_made_to_fail_or_skip()
    {
        var subscription = await CreateReportSubscriptionAsync("report", Seeds.AllTheTimeScheduleId);

        var ok = await Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits);
        Emulator.SkipNextSubscriptionRun();
        var skipped = await Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits);
        Emulator.FailNextSubscriptionRun();
        var failed = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(ok.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(skipped.Outcome, Is.EqualTo(StrategyOutcome.Skipped));
            Assert.That(failed!.Failures.First().Subject, Is.EqualTo("Monthly sales"));
        });
    }

    [Test]
    public async Task A_run_that_outlasts_the_time_limit_times_out_and_a_later_wait_finds_how_it_ended()
    {
        // A run of 6 s against a limit of 3 s: the start's three calls (the subscription, its last run, the
        // send) fit in the limit on a busy machine, and the run still outlasts it by seconds.
        await using var slow = await StrategyEmulator.StartAsync(EmulatorOptions with { PublishDuration = TimeSpan.FromSeconds(6) });
        await using var connection = StrategyConnection.Create(slow.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId, Retry);
        var subscriptions = connection.CreateClient<SubscriptionsClient>();
        var subscription = await subscriptions.CreateSubscriptionAsync(DataModelRefreshSubscription.Create(
            "slow", Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]));

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() =>
            subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits with { Timeout = TimeSpan.FromSeconds(3) }));
        var finished = await subscriptions.AwaitSubscriptionRunAsync(subscription.Id, options: FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("subscription run of subscription " + subscription.Id).And.Contain("the last status was executing"));
            Assert.That(finished.Outcome, Is.EqualTo(StrategyOutcome.Succeeded), "the run went on on the server");
        });
    }

    [Test]
    public async Task A_status_call_that_hangs_before_the_send_ends_at_the_time_limit_and_sends_nothing()
    {
        var subscription = await CreateAsync("hung");
        // Held for a minute: had the limit not cut it, the read would answer, the run be sent, and "nothing was sent" fail.
        var hung = new Strategy.Emulator.Faults.FaultRule { PathContains = "/status", Delay = TimeSpan.FromMinutes(1), Count = 1 };
        Emulator.Faults.Add(hung);

        // Nothing was sent: the server did not answer the call before it, which is not a wait that gave up.
        // The limit leaves the calls before the hung one (the subscription's read) room to answer on a busy machine.
        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() =>
            Subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits with { Timeout = TimeSpan.FromSeconds(4) }));

        Assert.Multiple(async () =>
        {
            Assert.That(Emulator.Faults.FiredFor(hung), Is.EqualTo(1), "the read of the last run was sent, and held");
            Assert.That(error.TimeLimit, Is.EqualTo(TimeSpan.FromSeconds(4)), "the limit given is the limit reported");
            Assert.That(error!.Message, Does.Contain("did not answer SendSubscriptionAndWait for subscription " + subscription.Id + " within 4 s: GetSubscriptionStatus (GET "));
            Assert.That(error.Server, Is.EqualTo(Emulator.BaseUrl.GetLeftPart(UriPartial.Authority)));
            Assert.That(await Subscriptions.GetLastSubscriptionRunAsync(subscription.Id), Is.Null, "nothing was sent");
        });
    }

    [Test]
    public async Task Firing_an_event_runs_every_subscription_waiting_on_it_and_answers_one_outcome_each()
    {
        var refresh = await CreateAsync("on the event", Seeds.PersonalViewScheduleId);
        var report = await CreateReportSubscriptionAsync("report on the event", Seeds.PersonalViewScheduleId);
        var elsewhere = await CreateAsync("on a time schedule");
        await Subscriptions.SendSubscriptionAndWaitAsync(refresh.Id, FastWaits);

        var runs = await Events.TriggerEventAndWaitAsync(Seeds.PersonalViewEventId, FastWaits);

        Assert.Multiple(async () =>
        {
            Assert.That(runs.Select(r => r.SubscriptionId), Is.EquivalentTo(new[] { refresh.Id, report.Id }));
            Assert.That(runs.Select(r => r.Outcome), Has.All.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(await Subscriptions.GetLastSubscriptionRunAsync(elsewhere.Id), Is.Null, "a subscription on another schedule did not run");
        });
    }

    [Test]
    public async Task An_event_with_two_subscriptions_of_which_one_fails_names_the_failed_one_and_why()
    {
        var refresh = await CreateAsync("refresh on the event", Seeds.PersonalViewScheduleId);
        var report = await CreateReportSubscriptionAsync("report on the event", Seeds.PersonalViewScheduleId);
        Emulator.FailNextPublish();

        var error = Assert.ThrowsAsync<StrategySubscriptionRunsFailedException>(() => Events.TriggerEventAndWaitAsync(Seeds.PersonalViewEventId, FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failed.Select(r => r.SubscriptionId), Is.EqualTo(new[] { refresh.Id }));
            Assert.That(error.Runs.Single(r => r.SubscriptionId == report.Id).Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(error.Message, Does.Contain("1 of the 2 subscription runs").And.Contain("refresh on the event").And.Contain("fail (state 2)").And.Contain("a table could not be loaded"));
        });
    }

    [Test]
    public async Task An_event_no_schedule_waits_on_runs_nothing()
    {
        await CreateAsync("not on the event", Seeds.PersonalViewScheduleId);

        var runs = await Events.TriggerEventAndWaitAsync(Seeds.NightlyLoadEventId, FastWaits);

        Assert.That(runs, Is.Empty);
    }

    [Test]
    public async Task Schedules_name_the_event_they_wait_on_as_the_server_sends_it()
    {
        var schedules = Connection.CreateClient<SchedulesClient>();

        var personalView = await schedules.GetScheduleAsync(Seeds.PersonalViewScheduleId);
        var listed = await schedules.ListSchedulesV2Async();
        var events = await Events.ListEventsAsync();
        var dependents = await Subscriptions.ListDependentSubscriptionsAsync(Seeds.PersonalViewEventId, DependentObjectType.Event);

        Assert.Multiple(() =>
        {
            Assert.That(personalView.Event!.EventId, Is.EqualTo(Seeds.PersonalViewEventId));
            Assert.That(listed.Schedules.Single(s => s.Id == Seeds.PersonalViewScheduleId).Event!.Name, Is.EqualTo("Personal View refresh"));
            Assert.That(events.Events.Select(e => e.Id), Is.EquivalentTo(new[] { Seeds.PersonalViewEventId, Seeds.NightlyLoadEventId }));
            Assert.That(dependents.Subscriptions, Is.Empty);
        });
    }
}
