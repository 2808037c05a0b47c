using System.Net;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;
using static Strategy.Generated.Tests.Cubes.CubeStubs;

namespace Strategy.Generated.Tests.Cubes;

/// <summary>One cube publish, stub by stub: the job on the monitor, the job that left it (confirmed from the cube), and stopping it.</summary>
public sealed class PublishCubeTests : ClientTest<CubesClient>
{
    private static readonly string Job478 = JobId(478);

    protected override CubesClient Create(HttpClient http) => new(http);

    [Test]
    public async Task A_job_that_completes_answers_the_job_the_flags_and_the_cache_record()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).WithHeaders("X-MSTR-ProjectID", MockServer.ProjectId).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "executing"));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "completed"));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).WithQueryString("clusterNode", NodeOne).Respond("application/json", Caches(CubeId, 478));

        var outcome = await Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(outcome.Job!.Status, Is.EqualTo(MonitorJobStatus.Completed));
            Assert.That(outcome.Flags!.Value, Is.EqualTo(CubeStatus.Active | CubeStatus.Persisted | CubeStatus.Loaded | CubeStatus.Ready));
            Assert.That(outcome.Flags.ToString(), Is.EqualTo("Active, Persisted, Loaded, Ready"));
            Assert.That(outcome.LastUpdate!.IsFrom(Job478), Is.True);
            Assert.That(outcome.LastUpdate.ErrorMessage, Is.Null);
        });
    }

    [Test]
    public void A_job_that_fails_names_the_cube_the_job_and_the_server_message()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "error", error: "Warehouse table SALES is missing."));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(CubeId).And.Contain(Job478).And.Contain("Warehouse table SALES is missing"));
            Assert.That(error.State, Is.EqualTo("error"));
            Assert.That(error.Failures.Single().Subject, Is.EqualTo("cube " + CubeId));
        });
    }

    [Test]
    public void A_server_message_with_terminal_escapes_and_no_end_is_cleaned_and_cut_in_the_exception()
    {
        var hostile = "\u001b[31mred\u001b[0m\u0007 " + new string('x', 5000);
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "error", error: hostile));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast));

        Assert.Multiple(() =>
        {
            // Ordinal: a culture-aware search finds an ignorable control character everywhere.
            Assert.That(error!.Message.Any(char.IsControl), Is.False, error.Message);
            Assert.That(error.Message, Has.Length.LessThan(1000));
            Assert.That(error.Failures.Single().Message, Is.EqualTo(hostile), "the failure keeps what the server said, for code that wants it");
        });
    }

    [Test]
    public async Task A_started_publish_waited_for_untyped_reports_its_progress_as_values_and_answers_the_outcome()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "executing"));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "completed"));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).WithQueryString("clusterNode", NodeOne).Respond("application/json", Caches(CubeId, 478));
        var started = await Client.StartPublishCubeAsync(CubeId);
        var progress = new RecordingProgress<IStrategyWaitProgress>();

        // One receiver of any wait's progress: the typed wait's reports reach it as they are.
        var outcome = await Client.WaitForPublishAsync(started, Waits.Fast, progress);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(progress.Reports.Select(p => p.State), Is.EqualTo(new[] { "executing", "completed" }));
            Assert.That(progress.Reports, Has.All.Matches<IStrategyWaitProgress>(p => p.StatusValue is MonitorJob && ((MonitorJob)p.StatusValue).Id == Job478 && p.Attempt > 0));
            Assert.That(outcome.CubeId, Is.EqualTo(CubeId));
            Assert.That(outcome.Job!.Id, Is.EqualTo(Job478));
            Assert.That(outcome.Flags!.Value.HasFlag(CubeStatus.Ready), Is.True);
            Assert.That(outcome.LastUpdate!.IsFrom(Job478), Is.True);
        });
    }

    [Test]
    public async Task A_job_that_left_the_monitor_is_confirmed_a_success_from_the_cube_and_its_cache()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "executing"));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.NotFound, "application/json", Gone(Job478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Processing));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).WithQueryString("clusterNode", NodeOne).Respond("application/json", Caches(CubeId, 478));
        var progress = new RecordingProgress<StrategyWaitProgress<MonitorJob>>();

        var job = await Client.PublishCubeAndAwaitJobAsync(CubeId, Waits.Fast, progress);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(job.Status, Is.EqualTo(MonitorJobStatus.Completed), "confirmed, not assumed");
            Assert.That(job.Id, Is.EqualTo(Job478));
            Assert.That(job.ObjectId, Is.EqualTo(CubeId), "marked with the cube it was confirmed from");
            Assert.That(progress.Reports.Last().Words, Does.Contain("left the monitor; confirmed"));
            var executing = progress.Reports.First(r => r.State == "executing").Status;
            Assert.That(executing, Is.Not.SameAs(job), "the confirmed answer is a copy");
            Assert.That(executing.Status, Is.EqualTo(MonitorJobStatus.Executing), "the status reported while it ran is left as it was read");
        });
    }

    [Test]
    public async Task A_job_that_left_the_monitor_before_its_first_check_still_names_its_job()
    {
        // A publish shorter than the first check: no status was ever read, yet the answer is this job's.
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.NotFound, "application/json", Gone(Job478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).WithQueryString("clusterNode", NodeOne).Respond("application/json", Caches(CubeId, 478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).WithQueryString("clusterNode", NodeOne).Respond("application/json", Caches(CubeId, 478));

        var outcome = await Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Job!.Status, Is.EqualTo(MonitorJobStatus.Completed));
            Assert.That(outcome.Job.Id, Is.EqualTo(Job478));
            Assert.That(outcome.LastUpdate!.IsFrom(outcome.Job.Id), Is.True);
        });
    }

    [Test]
    public void A_job_that_left_the_monitor_and_failed_is_a_failure_with_the_cache_message()
    {
        // The official client reads this as COMPLETED.
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "executing"));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.InternalServerError, "application/json", Gone(Job478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Dirty));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).Respond("application/json", Caches(CubeId, 478, "The SQL of the cube failed: ORA-00942."));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("ORA-00942").And.Contain(CubeId).And.Contain(Job478));
            Assert.That(error.StateName, Does.Contain("left the monitor"));
            Assert.That(((MonitorJob)error.LastStatus!).Status, Is.EqualTo(MonitorJobStatus.Error));
            Assert.That(((MonitorJob)error.LastStatus!).ErrorMessage, Is.EqualTo("The SQL of the cube failed: ORA-00942."), "marked with the cache's message");
            Assert.That(((MonitorJob)error.LastStatus!).Id, Is.EqualTo(Job478));
        });
    }

    [Test]
    public void A_publish_left_dirty_without_a_message_is_a_failure_that_says_so()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.NotFound, "application/json", Gone(Job478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Dirty));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).Respond("application/json", Caches(CubeId, 12));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast));

        Assert.That(error!.Message, Does.Contain("Dirty"));
    }

    [Test]
    public void A_cache_on_a_node_that_is_down_makes_the_outcome_unknown_not_a_success()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.NotFound, "application/json", Gone(Job478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).Respond(HttpStatusCode.ServiceUnavailable, "application/json", """{"code":"ERR001","message":"The cluster node is not connected."}""");

        var error = Assert.ThrowsAsync<StrategyOutcomeUnknownException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(error!.Message, Does.Contain(Job478).And.Contain("could not be read").And.Contain("not known"));
    }

    [Test]
    public void A_vanished_job_whose_cube_an_earlier_job_last_updated_did_not_publish_it()
    {
        // A cancelled publish leaves the cube as it was: ready, its cache last written by job 12.
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.NotFound, "application/json", Gone(Job478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).Respond("application/json", Caches(CubeId, 12));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast));

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(CubeId).And.Contain("earlier job (12)").And.Contain("did not update it"));
            Assert.That(((MonitorJob)error.LastStatus!).Status, Is.EqualTo(MonitorJobStatus.Error));
            Assert.That(((MonitorJob)error.LastStatus!).ErrorMessage, Does.Contain("earlier job (12)"), "marked with why it failed");
        });
    }

    [Test]
    public void A_vanished_job_whose_cube_a_later_job_updated_is_an_unknown_outcome()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.NotFound, "application/json", Gone(Job478));
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.Expect(HttpMethod.Get, CachesUrl).Respond("application/json", Caches(CubeId, 479));

        var error = Assert.ThrowsAsync<StrategyOutcomeUnknownException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast));

        Assert.That(error!.Message, Does.Contain("last updated by job 479, not by this one"));
    }

    [Test]
    public void A_job_never_seen_whose_cube_nothing_names_is_an_unknown_outcome_not_a_success()
    {
        var jobs = Server.Client(http => new JobsClient(http));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond(HttpStatusCode.NotFound, "application/json", Gone(Job478));

        var error = Assert.ThrowsAsync<StrategyOutcomeUnknownException>(() => jobs.AwaitJobAsync(Job478, options: Waits.Fast));

        Assert.That(error!.Message, Does.Contain(Job478).And.Contain("not known"));
    }

    [Test]
    public void Cancelling_the_wait_cancels_the_job_on_the_server_once()
    {
        using var cancellation = new CancellationTokenSource();
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "executing"));
        var cancel = Server.Handler.When(HttpMethod.Delete, JobUrl(Job478)).Respond(HttpStatusCode.NoContent);
        var progress = new RecordingProgress<StrategyWaitProgress<MonitorJob>>(_ => cancellation.Cancel());

        var error = Assert.ThrowsAsync<StrategyWorkCancelledException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Slow, progress, cancellation.Token));

        Assert.Multiple(() =>
        {
            Assert.That(error!.CancelledOnServer, Is.True);
            Assert.That(error.CancellationToken, Is.EqualTo(cancellation.Token));
            Assert.That(error.Message, Does.Contain("job " + Job478 + " was cancelled on the server"));
            Assert.That(Server.Handler.GetMatchCount(cancel), Is.EqualTo(1));
        });
    }

    [Test]
    public void At_the_time_limit_the_job_is_cancelled_on_the_server_once()
    {
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.When(HttpMethod.Get, JobUrl(Job478)).Respond("application/json", Job(Job478, "executing"));
        var cancel = Server.Handler.When(HttpMethod.Delete, JobUrl(Job478)).Respond(HttpStatusCode.NoContent);

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Fast with { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.CancelledOnServer, Is.True);
            Assert.That(error.Message, Does.Contain("was cancelled on the server"));
            Assert.That(Server.Handler.GetMatchCount(cancel), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_cancel_the_server_refuses_says_the_job_may_still_run()
    {
        using var cancellation = new CancellationTokenSource();
        Server.Handler.Expect(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(Job478));
        Server.Handler.ForJob(HttpMethod.Get, Job478).Respond("application/json", Job(Job478, "executing"));
        Server.Handler.When(HttpMethod.Delete, JobUrl(Job478)).Respond(HttpStatusCode.Forbidden, "application/json", """{"code":"ERR017","message":"You may not cancel this job."}""");
        var progress = new RecordingProgress<StrategyWaitProgress<MonitorJob>>(_ => cancellation.Cancel());

        var error = Assert.ThrowsAsync<StrategyWorkCancelledException>(() => Client.PublishCubeAndWaitAsync(CubeId, Waits.Slow, progress, cancellation.Token));

        Assert.Multiple(() =>
        {
            Assert.That(error!.CancelledOnServer, Is.False);
            Assert.That(error.Message, Does.Contain("may still be running").And.Contain("You may not cancel this job"));
        });
    }

    [Test]
    public void A_subscription_run_that_cannot_be_stopped_is_not_cancelled_and_the_timeout_says_nothing_was()
    {
        var subscriptions = Server.Client(http => new SubscriptionsClient(http));
        var statusUrl = MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}/status");
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/subscriptions/{MockServer.SubscriptionId}")).Respond("application/json", """{"id":"0730C69A4EBAA20BD967EA86274F0C2F","name":"s","delivery":{"mode":"EMAIL"}}""");
        Server.Handler.When(HttpMethod.Get, statusUrl).Respond(HttpStatusCode.InternalServerError, "application/json", """{"code":"ERR002","message":"No status for the subscription"}""");
        Server.Handler.When(HttpMethod.Post, MockServer.Url($"api/v2/subscriptions/{MockServer.SubscriptionId}/send")).Respond(HttpStatusCode.NoContent);

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => subscriptions.SendSubscriptionAndWaitAsync(MockServer.SubscriptionId, Waits.Fast with { Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.That(error!.CancelledOnServer, Is.Null, "nothing can stop a run");
    }

    [Test]
    public async Task The_status_flags_are_typed_and_keep_bits_this_client_does_not_know()
    {
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready | 4096));

        var flags = await Client.GetCubeStatusFlagsAsync(CubeId);

        Assert.Multiple(() =>
        {
            Assert.That(flags.Raw, Is.EqualTo(Ready | 4096));
            Assert.That(flags.Has(CubeStatus.Ready | CubeStatus.Loaded), Is.True);
            Assert.That(flags.Has(CubeStatus.Dirty), Is.False);
            Assert.That(flags.Has(CubeStatus.Unnamed4096), Is.True, "the official client's cube.py knows the bit without a name; so does the spec");
        });
    }

    [Test]
    public void A_status_answer_without_the_header_is_an_invalid_response_naming_it()
    {
        Server.Handler.Expect(HttpMethod.Head, StatusUrl()).Respond(HttpStatusCode.OK);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.GetCubeStatusFlagsAsync(CubeId));

        Assert.That(error!.Message, Does.Contain("X-MSTR-CubeStatus"));
    }
}
